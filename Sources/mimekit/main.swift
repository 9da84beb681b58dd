import MIMEKitCLI

MimekitCommand.main()
