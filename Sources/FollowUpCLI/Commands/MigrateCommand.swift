import ArgumentParser
import FollowUpCore
import FollowUpPostgres
import FollowUpStore
import Foundation

/// `followup migrate FROM TO`: moves an office's data between a file and a server, or from
/// one file to another.
struct MigrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract: "Copy everything from one file or server to an empty one: the directory, meetings and every task with all its events.",
    discussion: """
      FROM and TO are each a data file or a postgresql:// address. The copy is one action on \
      TO, all or nothing, and keeps task numbers, notes with their authors and every dated \
      event, so 'followup export' gives the same document on both sides. TO must hold no \
      tasks yet (a new file is created). The history of FROM stays in FROM; TO's history \
      starts with the copy.
      """)

  @OptionGroup var global: GlobalOptions
  @Argument(help: ArgumentHelp("Where the data is now: a file or a postgresql:// address.", valueName: "from"))
  var from: String
  @Argument(help: ArgumentHelp("Where it goes: a file or a postgresql:// address, with no tasks yet.", valueName: "to"))
  var to: String

  func run() throws {
    let l = global.language
    if from == to {
      throw UserError(
        .migrateSame, vi: "Nguồn và đích là một; cho hai nơi khác nhau",
        en: "The source and the target are the same; give two different places")
    }
    let source = try open(from, create: false)
    defer { try? source.close() }
    let catalog = try source.loadCatalog()
    let tasks = try source.loadTasks(projection: .full).sorted { $0.id < $1.id }
    let target = try open(to, create: true)
    defer { try? target.close() }
    let present = try target.loadTasks(projection: .timing).count
    if present > 0 {
      target.discardIfCreated()
      throw UserError(
        .migrateNotEmpty,
        vi: "\(target.displayName) đã có \(present) nhiệm vụ; chuyển dữ liệu vào một tệp hoặc cơ sở dữ liệu còn trống",
        en: "\(target.displayName) already holds \(present) tasks; migrate into an empty file or database")
    }
    let doc = InterchangeDocument(
      agencies: catalog.agenciesInOrder, people: catalog.people.values.sorted { $0.ref < $1.ref },
      meetings: catalog.meetings.values.sorted { $0.ref < $1.ref }, tasks: tasks)
    let summary: ImportSummary
    do {
      summary = try target.importDocument(doc, renumber: false)
    } catch {
      target.discardIfCreated()
      throw error
    }
    emit(l.pick(
      vi: "Đã chuyển \(summary.taskIDs.count) nhiệm vụ, \(doc.meetings.count) cuộc họp, \(doc.agencies.count) cơ quan và \(doc.people.count) cán bộ từ \(source.displayName) sang \(target.displayName).",
      en: "Copied \(summary.taskIDs.count) tasks, \(doc.meetings.count) meetings, \(doc.agencies.count) agencies and \(doc.people.count) people from \(source.displayName) to \(target.displayName)."))
  }

  /// Opens a file (created when `create` allows) or a server.
  private func open(_ place: String, create: Bool) throws -> any TaskStore {
    if Server.isAddress(place) { return try GlobalOptions.openServer(place, language: global.language) }
    return try SQLiteStore(
      path: place, user: Environment.current.user, createIfMissing: create,
      directory: (GlobalOptions.bundledDirectory, []), sharing: Environment.current.settings.share ?? .owner)
  }
}
