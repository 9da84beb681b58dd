import MIMEKitCLI

MimekitCommand.runFromCommandLine()
