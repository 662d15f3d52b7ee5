from testimonium.cli import main

main()
