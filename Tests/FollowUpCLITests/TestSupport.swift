// Every file of this suite sees the shared sample, scratch folders, process runner, tmux
// driver and whole-value comparison without importing them itself.
@_exported import FollowUpTestSupport
