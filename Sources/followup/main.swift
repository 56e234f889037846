import FollowUpCLI

FollowUpCommand.main()
