import FollowUpCLI

FollowUpCommand.runMain()
