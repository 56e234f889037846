import FollowUpApp
import FollowUpCore
import FollowUpStore
import FollowUpTUI
import Foundation
import TermCore

// followup-bench: generates data sets and measures FollowUp at each size.

let usage = """
  followup-bench: generates data sets and measures FollowUp at each size (release builds only).

  USAGE
    followup-bench [--sizes 1000,10000,100000,1000000] [--runs 5] [--import-runs N]
                   [--interface-runs N] [--dir PATH] [--no-taskwarrior] [--postgres URL]
    followup-bench --generate N --out FILE [--seed S]   only write a data set (in chunks)
    followup-bench --help

  The run generates each size once into --dir (default $TMPDIR/followup-bench; files already
  there are reused), imports it, and prints every figure as the median of --runs runs (imports:
  --import-runs, default 3 up to 100k and 1 above; the interface is opened --interface-runs
  times, default 3 up to 100k and 1 above, each time searching, switching views and marking
  done --runs times), search keystrokes as p50 and p99, the
  growth exponent between the smallest and largest size, and, at 100k, Taskwarrior side by side
  (installed from Debian when missing; --no-taskwarrior skips it).

  --postgres URL: an administrator's address on a PostgreSQL server (any database of it); for
  each size a database followup_bench_N is made there (dropped first if present), the SQLite
  file is copied into it with 'followup migrate', and the CLI reads and mark-done are timed
  against it too, printed beside the SQLite figures.

  Internal probes: --interface DB, --phases JSON, --stream-phases JSON, --open-phases DB,
  --done-phases DB, --window-phases DB [--as-of YYYY-MM-DD] (the store's window, counts and
  agencies report).
  """

let asOf = Day(year: 2026, month: 6, day: 30) ?? Day(ordinal: 0)
// Completions are dated on the bench's day, not the clock's: a later date would move the
// store's horizon past the day reads are judged on, and every later read would judge each row.
let onDay = String(format: "%02d/%02d/%04d", asOf.dayOfMonth, asOf.month, asOf.year)
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
  print(usage)
  exit(0)
}

func option(_ name: String) -> String? {
  guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
  return arguments[i + 1]
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data(("followup-bench: " + message + "\n").utf8))
  exit(1)
}

func now() -> ContinuousClock.Instant { ContinuousClock.now }
func ms(_ d: Duration) -> Double {
  Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}
func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  guard !s.isEmpty else { return .nan }
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Peak resident memory in MB of a process (this one by default), from `VmHWM`.
///
/// Not `getrusage`: Linux keeps `ru_maxrss` across fork and exec, so a child spawned by this
/// benchmark, which holds the whole generated data set, would report the parent's peak.
func peakMB(_ pid: String = "self") -> Double? {
  guard let s = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
    let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
    let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
  else { return nil }
  return kb / 1024
}

let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
let followup = binDir.appendingPathComponent("followup").path

/// Runs a command with output discarded (or captured); returns wall milliseconds and, when
/// `sampleMemory` (which costs timing precision), the child's peak memory.
///
/// posix_spawn and waitpid rather than Foundation.Process: on Linux `waitUntilExit` notices
/// the exit only on its run loop's next turn, which rounds every timing up to about 50 ms.
@discardableResult
func run(_ exe: String, _ args: [String], capture: Bool = false, sampleMemory: Bool = false) -> (ms: Double, out: String, status: Int32, rssMB: Double) {
  var env = ProcessInfo.processInfo.environment
  env["LANG"] = "C.UTF-8"
  env["FOLLOWUP_USER"] = "bench"
  let outPath = NSTemporaryDirectory() + "followup-bench-out-\(getpid())"
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, capture ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  let argv: [UnsafeMutablePointer<CChar>?] = ([exe] + args).map { strdup($0) } + [nil]
  let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
  defer {
    for a in argv { free(a) }
    for e in envp { free(e) }
  }
  var pid = pid_t()
  let start = now()
  let rc = posix_spawn(&pid, exe, &actions, nil, argv, envp)
  guard rc == 0 else { fail("cannot run \(exe): \(String(cString: strerror(rc)))") }
  var status: Int32 = 0
  var peak = 0.0
  if sampleMemory {
    // The high-water mark goes with the process's memory at exit; read it until then.
    while waitpid(pid, &status, WNOHANG) == 0 {
      peak = max(peak, peakMB(String(pid)) ?? 0)
      usleep(200)
    }
  } else {
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  }
  let elapsed = ms(now() - start)
  let code: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  var out = ""
  if capture {
    out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(atPath: outPath)
  }
  return (elapsed, out, code, peak)
}

// MARK: Interface probe (runs in its own process so its memory is measured alone)

func percentile(_ xs: [Double], _ p: Double) -> Double {
  let s = xs.sorted()
  guard !s.isEmpty else { return .nan }
  return s[min(s.count - 1, max(0, Int((Double(s.count) * p).rounded(.up)) - 1))]
}

func interfaceProbe(file: String, runs: Int) {
  let store: SQLiteStore
  let start = now()
  do { store = try SQLiteStore(path: file, user: "bench") } catch { fail("\(error)") }
  let env = AppEnvironment(lang: .vi, asOf: asOf, user: "bench", fileLabel: "bench.db")
  let backend = HeadlessBackend(size: Size(width: 120, height: 40), events: [], recordsFrames: false)
  let runtime: Runtime
  do { runtime = try Runtime(store: store, backend: backend, env: env) } catch { fail("\(error)") }
  runtime.draw()
  let open = ms(now() - start)
  // Live search, every letter from the first: each keystroke applied and the frame drawn.
  var keys: [Double] = []
  var hits = 0
  for _ in 0..<max(1, runs) {
    runtime.dispatch(.key(.char("/")))
    for ch in "nguyen binh khiem" {
      let t = now()
      runtime.dispatch(.key(.char(ch)))
      runtime.draw()
      keys.append(ms(now() - t))
    }
    hits = runtime.state.list.page.total
    runtime.dispatch(.key(.escape))
    runtime.draw()
  }
  // Switching to the Agencies and Meetings views, drawn, and back to the list.
  var views: [Double] = []
  for _ in 0..<max(1, runs) {
    for key: Character in ["3", "2"] {
      let t = now()
      runtime.dispatch(.key(.char(key)))
      runtime.draw()
      views.append(ms(now() - t))
      runtime.dispatch(.key(.char("1")))
      runtime.draw()
    }
  }
  // Mark done: from the key to the durable commit and the redrawn frame.
  var dones: [Double] = []
  runtime.dispatch(.key(.char("o")))  // open tasks only, so Space always marks done
  for _ in 0..<max(3, runs) {
    runtime.dispatch(.key(.down))
    let t = now()
    runtime.dispatch(.key(.char(" ")))
    runtime.draw()
    dones.append(ms(now() - t))
  }
  let result: [String: Any] = [
    "open": open, "keyP50": percentile(keys, 0.5), "keyP99": percentile(keys, 0.99),
    "keyFirst": keys.first ?? 0, "views": median(views), "done": median(dones), "rss": peakMB() ?? 0,
    "searchHits": hits, "status": runtime.state.status?.text ?? "",
  ]
  let data = (try? JSONSerialization.data(withJSONObject: result)) ?? Data()
  FileHandle.standardOutput.write(data)
}

if let file = option("--phases") {
  // Where an import's time goes: reading the file, parsing it, storing it.
  var t = now()
  guard let data = FileManager.default.contents(atPath: file) else { fail("cannot read \(file)") }
  print("read file      \(fmt0(ms(now() - t))) ms")
  t = now()
  _ = try? JSONSerialization.jsonObject(with: data)
  print("JSONSerialization only \(fmt0(ms(now() - t))) ms")
  t = now()
  let doc: InterchangeDocument
  do { doc = try InterchangeReader.read(json: data) } catch { fail("\(error)") }
  print("parse+validate \(fmt0(ms(now() - t))) ms")
  t = now()
  var tokens = 0
  let catalog = doc.catalog
  for task in doc.tasks { tokens += SearchText.tokens(for: task, catalog: catalog).count }
  print("search tokens  \(fmt0(ms(now() - t))) ms (\(tokens) tokens)")
  t = now()
  tokens = 0
  let tokenizer = SearchText.Tokenizer(catalog: catalog)
  for task in doc.tasks { tokens += tokenizer.tokens(for: task).count }
  print("search tokens, one Tokenizer \(fmt0(ms(now() - t))) ms (\(tokens) tokens)")
  t = now()
  var bytes = 0
  for task in doc.tasks { bytes += VietText.clean(task.content).utf8.count + VietText.clean(task.product).utf8.count }
  print("clean content+product, no Character count \(fmt0(ms(now() - t))) ms (\(bytes) bytes)")
  t = now()
  var n = 0
  for task in doc.tasks { n += VietText.clean(task.content).count + VietText.clean(task.product).count }
  print("clean content+product \(fmt0(ms(now() - t))) ms")
  let db = NSTemporaryDirectory() + "phases-\(getpid()).db"
  t = now()
  do {
    let store = try SQLiteStore(path: db, user: "bench")
    _ = try store.importDocument(doc)
  } catch { fail("\(error)") }
  print("store          \(fmt0(ms(now() - t))) ms")
  for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
  exit(0)
}

func fmt0(_ v: Double) -> String { String(format: "%.0f", v) }

if let file = option("--stream-phases") {
  // Where a streamed import's reading goes: the checking pass (UTF-8, syntax, layout, the
  // header), then the tasks decoded from their bytes and, for comparison, by JSONDecoder.
  for (name, decoding) in [("bytes", InterchangeStream.TaskDecoding.bytes), ("JSONDecoder", .foundation)] {
    var t = now()
    let stream: InterchangeStream
    do { stream = try InterchangeStream(source: try FileChunks(path: file), decoding: decoding) } catch { fail("\(error)") }
    let check = ms(now() - t)
    t = now()
    var n = 0
    do { while try stream.next() != nil { n += 1 } } catch { fail("\(error)") }
    let tasks = ms(now() - t)
    print("check+header \(fmt0(check)) ms · \(n) tasks decoded and validated (\(name)) \(fmt0(tasks)) ms · peak \(fmt0(peakMB() ?? 0)) MB")
  }
  exit(0)
}

if let file = option("--open-phases") {
  // Where opening the interface goes.
  for _ in 0..<3 {
    var t0 = now()
    guard let store = try? SQLiteStore(path: file, user: "bench") else { fail("cannot open") }
    let openStore = ms(now() - t0)
    t0 = now()
    guard let catalog = try? store.loadCatalog(), let revision = try? store.revision() else { fail("load") }
    let load = ms(now() - t0)
    t0 = now()
    let state = AppState(
      env: AppEnvironment(lang: .vi, asOf: asOf, user: "bench", fileLabel: "b"), size: Size(width: 120, height: 40),
      catalog: catalog, revision: revision, source: StoreSource(store: store))
    let firstPage = ms(now() - t0)
    t0 = now()
    _ = Render.frame(state)
    let frame = ms(now() - t0)
    print("open file \(fmt0(openStore)) · directory \(fmt0(load)) · first page and counts \(fmt0(firstPage)) · frame \(fmt0(frame)) ms")
  }
  exit(0)
}

if let file = option("--window-phases") {
  // The store's reads the interface's list and header make, each the median of 5 runs.
  guard let store = try? SQLiteStore(path: file, user: "bench", createIfMissing: false) else { fail("cannot open") }
  let day = option("--as-of").flatMap(Day.init(iso:)) ?? asOf
  guard let catalog = try? store.loadCatalog(meetings: false) else { fail("catalog") }
  let ctx = FilterContext(catalog: catalog, asOf: day, rules: TimelinessRules())
  let horizon = (try? store.horizon()).flatMap { $0?.iso } ?? "none"
  print("as of \(day.iso), horizon \(horizon)")
  func time(_ label: String, _ body: () throws -> String) {
    var times: [Double] = []
    var shown = ""
    for _ in 0..<5 {
      let t = now()
      do { shown = try body() } catch { fail("\(label): \(error)") }
      times.append(ms(now() - t))
    }
    print("\(label): \(String(format: "%.1f", median(times))) ms (\(shown))")
  }
  // An agency, owner and meeting that tasks name: those of a task in the middle of the file.
  let some = (try? store.window(WindowRequest(filter: TaskFilter(terms: [], source: ""), order: .id, offset: 5_000, limit: 1), context: ctx))?.rows.first
  let lead = some?.lead ?? ""
  let filters: [(String, [FilterTerm])] = [
    ("all", []), ("open", [.status([.open])]), ("overdue", [.status([.overdue])]), ("due soon", [.status([.dueSoon])]),
    ("agency \(lead)", [.lead([lead])]), ("owner \(some?.owner ?? "")", [.owner([some?.owner ?? ""])]),
    ("meeting \(some?.meeting ?? "")", [.meeting([some?.meeting ?? ""])]),
    ("search nguyen binh", [.text(["nguyen", "binh"], lastIsPrefix: true)]),
  ]
  for (name, terms) in filters {
    let f = TaskFilter(terms: terms, source: "")
    time("count \(name)") { String(try store.count(f, context: ctx)) }
    for order in [TaskOrder.status, .deadline] {
      time("window \(name) by \(order) top") {
        let w = try store.window(WindowRequest(filter: f, order: order, offset: 0, limit: 60), context: ctx)
        return "\(w.total) total"
      }
      time("window \(name) by \(order) middle") {
        let w = try store.window(WindowRequest(filter: f, order: order, offset: 1_000, limit: 60), context: ctx)
        return "at \(w.offset)"
      }
      let mid = (try? store.window(WindowRequest(filter: f, order: .id, offset: 500, limit: 1), context: ctx))?.rows.first?.id
      if let mid {
        time("window \(name) by \(order) around #\(mid)") {
          let w = try store.window(WindowRequest(filter: f, order: order, around: mid, offset: 0, limit: 60), context: ctx)
          return "at \(w.offset)"
        }
      }
    }
  }
  time("agencies report") {
    let r = try store.leadWorkload(catalog: catalog, options: WorkloadOptions(asOf: day))
    return "\(r.rows.count) rows, \(r.totals.total) tasks"
  }
  exit(0)
}

if let file = option("--done-phases") {
  // Where marking one task done goes: the write, reading back what changed, the update.
  guard let store = try? SQLiteStore(path: file, user: "bench") else { fail("cannot open") }
  let env = AppEnvironment(lang: .vi, asOf: asOf, user: "bench", fileLabel: "bench.db")
  let backend = HeadlessBackend(size: Size(width: 120, height: 40), events: [], recordsFrames: false)
  guard let runtime = try? Runtime(store: store, backend: backend, env: env) else { fail("runtime") }
  let open = runtime.state.list.page.rows.filter { !$0.timeliness.isDone }.prefix(5).map(\.task)
  for t in open {
    let id = t.id
    var t0 = now()
    _ = try? store.apply(.markDone(asOf), to: [id], expected: [id: t.version])
    let write = ms(now() - t0)
    t0 = now()
    let changes = try? store.changes(since: runtime.state.revision)
    let read = ms(now() - t0)
    t0 = now()
    runtime.dispatch(.saved(changed: changes?.changed ?? [], deleted: [], catalog: nil, revision: changes?.revision ?? 0, message: ""))
    let update = ms(now() - t0)
    t0 = now()
    runtime.draw()
    let draw = ms(now() - t0)
    print("write \(fmt0(write)) ms · read back \(fmt0(read)) ms · update \(fmt0(update)) ms · draw \(fmt0(draw)) ms")
  }
  exit(0)
}

if let file = option("--interface") {
  interfaceProbe(file: file, runs: Int(option("--runs") ?? "5") ?? 5)
  exit(0)
}

if let n = option("--generate").flatMap(Int.init) {
  guard let out = option("--out") else { fail("--generate needs --out FILE") }
  let generator = Generator(tasks: n, seed: UInt64(option("--seed") ?? "20230526") ?? 20_230_526, asOf: asOf)
  do {
    let made = try generator.write(to: out)
    print("wrote \(made.tasks) tasks, \(made.meetings) meetings to \(out)")
  } catch { fail("\(error)") }
  exit(0)
}

// MARK: The benchmark

guard FileManager.default.isExecutableFile(atPath: followup) else {
  fail("no followup binary beside this one (\(followup)); build with 'swift build -c release' first")
}
let sizes = (option("--sizes") ?? "1000,10000,100000,1000000").split(separator: ",").compactMap { Int($0) }
let runs = Int(option("--runs") ?? "5") ?? 5
let dir = option("--dir") ?? (NSTemporaryDirectory() + "followup-bench")
let withTaskwarrior = !arguments.contains("--no-taskwarrior")
try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
let day = asOf.iso

struct Row {
  var name: String
  var target100k: String
  var target1M: String
  var values: [Int: Double] = [:]
  var unit = "ms"
}
enum R: Int, CaseIterable {
  case importTime, importPeak, list, count, workload, search, done, cliPeak
  case open, keyP50, keyP99, views, uiDone, uiPeak
}
var rows: [Row] = [
  Row(name: "import one JSON file of the whole set", target100k: "≤ 1000", target1M: "≤ 12000"),
  Row(name: "import: peak memory (MB)", target100k: "—", target1M: "≤ 500", unit: "MB"),
  Row(name: "CLI filtered list (one agency)", target100k: "≤ 50", target1M: "≤ 300"),
  Row(name: "CLI count status:overdue", target100k: "≤ 50", target1M: "≤ 300"),
  Row(name: "CLI workload", target100k: "≤ 50", target1M: "≤ 300"),
  Row(name: "CLI search by folded words", target100k: "≤ 30", target1M: "≤ 100"),
  Row(name: "CLI mark one task done", target100k: "≤ 20", target1M: "≤ 20"),
  Row(name: "CLI: peak memory (MB)", target100k: "—", target1M: "—", unit: "MB"),
  Row(name: "interface: start to first screen", target100k: "≤ 150", target1M: "≤ 500"),
  Row(name: "interface: search keystroke p50", target100k: "—", target1M: "—"),
  Row(name: "interface: search keystroke p99 (first letter included)", target100k: "≤ 16", target1M: "≤ 50"),
  Row(name: "interface: switch to Agencies / Meetings", target100k: "≤ 50", target1M: "≤ 300"),
  Row(name: "interface: mark done, durable and redrawn", target100k: "≤ 20", target1M: "≤ 30"),
  Row(name: "interface: peak memory (MB)", target100k: "≤ 80", target1M: "≤ 200", unit: "MB"),
]
var notes: [String] = []
var taskwarrior: [String] = []
let postgres = option("--postgres")
/// The same CLI rows against PostgreSQL, by size: migrate, list, count, workload, search, done.
var server: [Int: [String: Double]] = [:]
let serverRows: [(key: String, name: String, sqlite: R?)] = [
  ("migrate", "copy the file into the server (followup migrate)", nil),
  ("list", "CLI filtered list (one agency)", .list), ("count", "CLI count status:overdue", .count),
  ("workload", "CLI workload", .workload), ("search", "CLI search by folded words", .search),
  ("done", "CLI mark one task done", .done),
]

/// A database of the server named by `postgres` for one size, made empty.
func serverDatabase(_ n: Int) -> String {
  guard let admin = postgres, var c = URLComponents(string: admin) else { fail("--postgres needs a postgresql:// URL") }
  let name = "followup_bench_\(n)"
  for sql in ["DROP DATABASE IF EXISTS \(name) WITH (FORCE)", "CREATE DATABASE \(name)"] {
    let r = run("/usr/bin/env", ["psql", admin, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql])
    if r.status != 0 { fail("psql failed: \(sql)") }
  }
  c.path = "/" + name
  guard let url = c.string else { fail("bad --postgres URL") }
  let r = run(followup, ["server", "init", url])
  if r.status != 0 { fail("followup server init failed on \(PGConnectionRedacted(url))") }
  return url
}

/// A URL for messages, without its password.
func PGConnectionRedacted(_ url: String) -> String {
  guard var c = URLComponents(string: url) else { return url }
  c.password = nil
  return c.string ?? url
}

/// What a data set holds, read back from the stored file (the JSON is not loaded again).
@MainActor func describe(_ db: String, _ n: Int) -> (agency: String, open: [Int]) {
  guard let store = try? SQLiteStore(path: db, user: "bench", createIfMissing: false) else { fail("cannot open \(db)") }
  defer { try? store.close() }
  let catalog = (try? store.loadCatalog(meetings: false)) ?? Catalog()
  let ctx = FilterContext(catalog: catalog, asOf: asOf, rules: TimelinessRules())
  var best = ("", Int.max, 0)
  for code in catalog.agencies.keys.sorted() {
    let c = (try? store.count(TaskFilter(terms: [.lead([code])], source: ""), context: ctx)) ?? 0
    // The agency whose share is closest to 1.3 % (~1.3k rows at 100k).
    let d = abs(c - n * 13 / 1000)
    if d < best.1 { best = (code, d, c) }
  }
  let overdue = (try? store.count(TaskFilter(terms: [.status([.overdue])], source: ""), context: ctx)) ?? 0
  let open = (try? store.window(
    WindowRequest(filter: TaskFilter(terms: [.status([.workflow(.inProgress)])], source: ""), order: .id, limit: 2 * runs + 2),
    context: ctx).rows.map(\.id)) ?? []
  notes.append("\(n) tasks: \(overdue * 100 / max(1, n)) % overdue; agency \(best.0) leads \(best.2)")
  return (best.0, open)
}

for n in sizes {
  let json = dir + "/tasks-\(n).json"
  if !FileManager.default.fileExists(atPath: json) {
    let t = now()
    do { _ = try Generator(tasks: n, seed: 20_230_526, asOf: asOf).write(to: json) } catch { fail("\(error)") }
    FileHandle.standardError.write(Data("generated \(n) tasks in \(fmt0(ms(now() - t))) ms\n".utf8))
  }
  let db = dir + "/bench-\(n).db"
  func removeDB() { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) } }
  var times: [Double] = []
  let importRuns = Int(option("--import-runs") ?? "") ?? (n > 100_000 ? 1 : 3)
  var importPeak = 0.0
  for _ in 0..<max(1, importRuns) {
    removeDB()
    // Sampling memory costs the timing a fraction of a millisecond here: nothing beside a
    // run of seconds.
    let r = run(followup, ["import", "--file", db, json], sampleMemory: true)
    if r.status != 0 { fail("import failed for \(n)") }
    times.append(r.ms)
    importPeak = max(importPeak, r.rssMB)
  }
  rows[R.importPeak.rawValue].values[n] = importPeak
  rows[R.importTime.rawValue].values[n] = median(times)
  let (agency, open) = describe(db, n)
  var cliPeak = 0.0
  func timed(_ args: [String]) -> Double {
    var ts: [Double] = []
    for _ in 0..<runs {
      let r = run(followup, args)
      if r.status != 0 { fail("failed: followup \(args.joined(separator: " "))") }
      ts.append(r.ms)
    }
    cliPeak = max(cliPeak, run(followup, args, sampleMemory: true).rssMB)
    return median(ts)
  }
  rows[R.list.rawValue].values[n] = timed(["list", "agency:" + agency, "--file", db, "--as-of", day])
  rows[R.count.rawValue].values[n] = timed(["count", "status:overdue", "--file", db, "--as-of", day])
  rows[R.workload.rawValue].values[n] = timed(["workload", "--file", db, "--as-of", day])
  rows[R.search.rawValue].values[n] = timed(["list", "nguyen binh khiem", "--file", db, "--as-of", day])
  var doneTimes: [Double] = []
  for id in open.prefix(runs) {
    let r = run(followup, ["done", String(id), "--file", db, "--on", onDay])
    if r.status != 0 { fail("done failed") }
    doneTimes.append(r.ms)
  }
  if let id = open.dropFirst(runs).first {
    cliPeak = max(cliPeak, run(followup, ["done", String(id), "--file", db, "--on", onDay], sampleMemory: true).rssMB)
  }
  rows[R.done.rawValue].values[n] = median(doneTimes)
  rows[R.cliPeak.rawValue].values[n] = cliPeak
  if postgres != nil {
    let url = serverDatabase(n)
    var figures: [String: Double] = [:]
    let copy = run(followup, ["migrate", db, url])
    if copy.status != 0 { fail("followup migrate failed for \(n)") }
    figures["migrate"] = copy.ms
    figures["list"] = timed(["list", "agency:" + agency, "--file", url, "--as-of", day])
    figures["count"] = timed(["count", "status:overdue", "--file", url, "--as-of", day])
    figures["workload"] = timed(["workload", "--file", url, "--as-of", day])
    figures["search"] = timed(["list", "nguyen binh khiem", "--file", url, "--as-of", day])
    var serverDone: [Double] = []
    // Tasks the file's own runs left open (the copy carries those marked done).
    for id in open.dropFirst(runs + 1).prefix(runs) {
      let r = run(followup, ["done", String(id), "--file", url, "--on", onDay])
      if r.status != 0 { fail("done failed on the server") }
      serverDone.append(r.ms)
    }
    figures["done"] = median(serverDone)
    server[n] = figures
  }
  // The interface in its own process (so its memory is its own), several times: medians.
  var probes: [[String: Any]] = []
  let interfaceRuns = Int(option("--interface-runs") ?? "") ?? (n > 100_000 ? 1 : min(runs, 3))
  for _ in 0..<max(1, interfaceRuns) {
    let probe = run(CommandLine.arguments[0], ["--interface", db, "--runs", String(runs)], capture: true)
    guard let obj = try? JSONSerialization.jsonObject(with: Data(probe.out.utf8)) as? [String: Any] else {
      fail("interface probe failed for \(n): \(probe.out)")
    }
    probes.append(obj)
  }
  func m(_ key: String) -> Double { median(probes.compactMap { $0[key] as? Double }) }
  rows[R.open.rawValue].values[n] = m("open")
  rows[R.keyP50.rawValue].values[n] = m("keyP50")
  rows[R.keyP99.rawValue].values[n] = m("keyP99")
  rows[R.views.rawValue].values[n] = m("views")
  rows[R.uiDone.rawValue].values[n] = m("done")
  rows[R.uiPeak.rawValue].values[n] = m("rss")
  notes.append("\(n) tasks: first search letter \(String(format: "%.1f", m("keyFirst"))) ms; \"nguyen binh khiem\" finds \(probes.first?["searchHits"] ?? 0) tasks")
  if n == 100_000 && withTaskwarrior { taskwarrior = compareTaskwarrior(json: json, dir: dir, ours: rows, n: n) }
}

/// Taskwarrior on the same tasks: import, a filtered count, a search (medians of `runs`).
@MainActor func compareTaskwarrior(json: String, dir: String, ours: [Row], n: Int) -> [String] {
  var task = ["/usr/bin/task", "/usr/local/bin/task"].first { FileManager.default.isExecutableFile(atPath: $0) }
  if task == nil {
    run("/usr/bin/apt-get", ["-o", "DPkg::Lock::Timeout=600", "install", "-y", "--no-install-recommends", "taskwarrior"])
    task = ["/usr/bin/task"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }
  guard let task else { return ["Taskwarrior is not installed and could not be installed; skipped."] }
  let version = run(task, ["--version"], capture: true).out.trimmingCharacters(in: .whitespacesAndNewlines)
  // The same tasks in Taskwarrior's import format: description, project = lead agency, due, status, tags.
  guard let data = FileManager.default.contents(atPath: json), let doc = try? InterchangeReader.read(json: data) else {
    return ["Taskwarrior: cannot read \(json)"]
  }
  func stamp(_ d: Day) -> String { d.iso.replacingOccurrences(of: "-", with: "") + "T000000Z" }
  var items: [String] = []
  for t in doc.tasks {
    var fields: [(String, JSONValue)] = [
      ("description", .string(t.content)), ("project", .string(t.lead)),
      ("entry", .string(stamp(t.assignedOn ?? asOf))),
      ("status", .string(t.status == .done ? "completed" : t.status == .withdrawn ? "deleted" : "pending")),
    ]
    if let d = t.deadline.date { fields.append(("due", .string(stamp(d)))) }
    if t.status == .done || t.status == .withdrawn { fields.append(("end", .string(stamp(t.completedOn ?? asOf)))) }
    if !t.tags.isEmpty { fields.append(("tags", .array(t.tags.map(JSONValue.string)))) }
    items.append(JSONValue.object(fields).rendered())
  }
  let twJSON = dir + "/taskwarrior-\(n).json"
  FileManager.default.createFile(atPath: twJSON, contents: Data(("[" + items.joined(separator: ",\n") + "]\n").utf8))
  let twData = dir + "/taskwarrior-\(n)"
  let rc = dir + "/taskwarrior-\(n).rc"
  FileManager.default.createFile(
    atPath: rc, contents: Data("data.location=\(twData)\nconfirmation=off\nverbose=nothing\nhooks=off\nnews.version=2.6.2\n".utf8))
  setenv("TASKRC", rc, 1)
  var imports: [Double] = []
  for _ in 0..<3 {
    try? FileManager.default.removeItem(atPath: twData)
    try? FileManager.default.createDirectory(atPath: twData, withIntermediateDirectories: true)
    imports.append(run(task, ["import", twJSON]).ms)
  }
  func timed(_ args: [String]) -> (Double, String) {
    var ts: [Double] = []
    for _ in 0..<runs { ts.append(run(task, args).ms) }
    return (median(ts), run(task, args, capture: true).out.trimmingCharacters(in: .whitespacesAndNewlines))
  }
  // Overdue as of today's clock (Taskwarrior has no as-of day); the search with diacritics,
  // since Taskwarrior finds nothing without them.
  let (count, counted) = timed(["rc.gc=off", "+OVERDUE", "count"])
  let (search, found) = timed(["rc.gc=off", "/Nguyễn Bỉnh Khiêm/", "count"])
  let (plain, foundPlain) = timed(["rc.gc=off", "/nguyen binh khiem/", "count"])
  unsetenv("TASKRC")
  func v(_ r: R) -> String { fmt(ours[r.rawValue].values[n]) }
  return [
    "| at \(n / 1000)k tasks, medians | \(version.isEmpty ? "Taskwarrior" : "Taskwarrior " + version) | FollowUp |",
    "|---|---:|---:|",
    "| import the whole set | \(fmt(median(imports))) | \(v(.importTime)) |",
    "| overdue count | \(fmt(count)) (\(counted) tasks) | \(v(.count)) |",
    "| search `Nguyễn Bỉnh Khiêm` | \(fmt(search)) (\(found) tasks) | \(v(.search)) (as `nguyen binh khiem`) |",
    "| search `nguyen binh khiem` | \(fmt(plain)) (\(foundPlain) tasks) | \(v(.search)) |",
  ]
}

func fmt(_ v: Double?) -> String {
  guard let v, v.isFinite else { return "–" }
  return v >= 100 ? String(format: "%.0f", v) : String(format: "%.1f", v)
}
let sizeHeads = sizes.map { $0 >= 1_000_000 ? "\($0 / 1_000_000)M" : $0 >= 1000 ? "\($0 / 1000)k" : "\($0)" }
print("| operation (ms unless MB; medians of \(runs) runs) | " + sizeHeads.joined(separator: " | ") + " | target 100k | target 1M | growth exponent |")
print("|---|" + sizes.map { _ in "---:" }.joined(separator: "|") + "|---|---|---:|")
for row in rows {
  var exponent = "–"
  if let a = sizes.first, let b = sizes.last, a != b, let ta = row.values[a], let tb = row.values[b], ta > 0, tb > 0 {
    exponent = String(format: "%.2f", log(tb / ta) / log(Double(b) / Double(a)))
  }
  print("| \(row.name) | " + sizes.map { fmt(row.values[$0]) }.joined(separator: " | ") + " | \(row.target100k) | \(row.target1M) | \(exponent) |")
}
print("")
for n in notes { print("- " + n) }
print("- growth exponent: log(t_last / t_first) / log(n_last / n_first); 1 is linear")
print("- machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"); data in \(dir)")
if !server.isEmpty {
  print("")
  print("| PostgreSQL (\(PGConnectionRedacted(postgres ?? ""))), ms, medians of \(runs) | " + sizes.map { n in
    let k = n >= 1_000_000 ? "\(n / 1_000_000)M" : n >= 1000 ? "\(n / 1000)k" : "\(n)"
    return "\(k) SQLite | \(k) server | ratio"
  }.joined(separator: " | ") + " |")
  print("|---|" + sizes.map { _ in "---:|---:|---:" }.joined(separator: "|") + "|")
  for row in serverRows {
    print("| \(row.name) | " + sizes.map { n in
      let sqlite = row.sqlite.flatMap { rows[$0.rawValue].values[n] } ?? (row.key == "migrate" ? rows[R.importTime.rawValue].values[n] : nil)
      let pg = server[n]?[row.key]
      let ratio = sqlite.flatMap { a in pg.map { b in String(format: "%.1f×", b / a) } } ?? "–"
      return "\(fmt(sqlite)) | \(fmt(pg)) | \(ratio)"
    }.joined(separator: " | ") + " |")
  }
  print("- the SQLite column of the copy row is the JSON import")
}
if !taskwarrior.isEmpty {
  print("")
  for line in taskwarrior { print(line) }
}
