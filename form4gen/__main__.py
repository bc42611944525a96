from form4gen.cli import main

main()
