from transfer_extract.cli import main

main()
