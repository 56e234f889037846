import ArgumentParser
import FollowUpApp

/// The root command.
public struct FollowUpCommand: ParsableCommand {
  public init() {}
  public func run() throws {}
}
