import ChurnCLI

ChurnCommand.runMain()
