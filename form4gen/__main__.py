from form4gen.cli import run

run()
