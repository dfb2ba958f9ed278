import ChurnCLI

ChurnCommand.main()
