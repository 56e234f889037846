import FollowUpApp
import FollowUpCore
import FollowUpStore
import FollowUpTUI
import Foundation
import TermCore

// followup-bench: generates data sets and measures FollowUp at each size.
//
//   swift run -c release followup-bench [--sizes 1000,10000,100000] [--runs 5] [--dir PATH]
//   followup-bench --generate N --out FILE [--seed S]      only write a data set
//   followup-bench --interface FILE                        (internal) interface timings as JSON

let asOf = Day(year: 2026, month: 6, day: 30) ?? Day(ordinal: 0)
let arguments = Array(CommandLine.arguments.dropFirst())

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
  runtime.waitForIndex()
  let indexReady = ms(now() - start)
  var renders: [Double] = []
  for _ in 0..<max(5, runs) {
    let t = now()
    _ = Render.frame(runtime.state)
    renders.append(ms(now() - t))
  }
  // Live search: each keystroke applied and the frame drawn.
  var keys: [Double] = []
  var hits = 0
  for _ in 0..<max(1, runs / 2) {
    runtime.dispatch(.key(.char("/")))
    for ch in "giai thuong nguyen binh khiem" {
      let t = now()
      runtime.dispatch(.key(.char(ch)))
      runtime.draw()
      keys.append(ms(now() - t))
    }
    hits = runtime.state.list.visible.count
    runtime.dispatch(.key(.escape))
    runtime.draw()
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
    "open": open, "indexReady": indexReady, "render": median(renders), "keystroke": median(keys), "keystrokeMax": keys.max() ?? 0,
    "done": median(dones), "rss": peakMB() ?? 0, "tasks": runtime.state.data.tasks.count, "searchHits": hits,
    "status": runtime.state.status?.text ?? "",
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

if let file = option("--open-phases") {
  // Where opening the interface goes.
  for _ in 0..<3 {
    var t0 = now()
    guard let store = try? SQLiteStore(path: file, user: "bench") else { fail("cannot open") }
    let openStore = ms(now() - t0)
    t0 = now()
    guard let (catalog, tasks, revision) = try? store.loadAll(projection: .listing) else { fail("load") }
    let load = ms(now() - t0)
    t0 = now()
    let data = Dataset(catalog: catalog, tasks: tasks, revision: revision, asOf: asOf, rules: .standard, indexNow: false)
    let dataset = ms(now() - t0)
    t0 = now()
    let state = AppState(env: AppEnvironment(lang: .vi, asOf: asOf, user: "bench", fileLabel: "b"), size: Size(width: 120, height: 40), data: data)
    let sort = ms(now() - t0)
    t0 = now()
    _ = Render.frame(state)
    let frame = ms(now() - t0)
    print("open file \(fmt0(openStore)) · load \(fmt0(load)) · judge \(fmt0(dataset)) · sort+filter \(fmt0(sort)) · frame \(fmt0(frame)) ms")
  }
  exit(0)
}

if let file = option("--done-phases") {
  // Where marking one task done goes: the write, reading back what changed, the update.
  guard let store = try? SQLiteStore(path: file, user: "bench") else { fail("cannot open") }
  let env = AppEnvironment(lang: .vi, asOf: asOf, user: "bench", fileLabel: "bench.db")
  let backend = HeadlessBackend(size: Size(width: 120, height: 40), events: [], recordsFrames: false)
  guard let runtime = try? Runtime(store: store, backend: backend, env: env) else { fail("runtime") }
  runtime.waitForIndex()
  let open = runtime.state.list.visible.filter { runtime.state.data.timeliness(of: $0).isDone == false }.prefix(5)
  for id in open {
    guard let t = runtime.state.data.tasks[id] else { continue }
    var t0 = now()
    _ = try? store.apply(.markDone(asOf), to: [id], expected: [id: t.version])
    let write = ms(now() - t0)
    t0 = now()
    let changes = try? store.changes(since: runtime.state.data.revision)
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
  let doc = Generator(tasks: n, seed: UInt64(option("--seed") ?? "20230526") ?? 20_230_526, asOf: asOf).document()
  do { try Data(InterchangeWriter.json(doc).utf8).write(to: URL(fileURLWithPath: out)) } catch { fail("\(error)") }
  print("wrote \(doc.tasks.count) tasks, \(doc.meetings.count) meetings to \(out)")
  exit(0)
}

// MARK: The benchmark

guard FileManager.default.isExecutableFile(atPath: followup) else {
  fail("no followup binary beside this one (\(followup)); build with 'swift build -c release' first")
}
let sizes = (option("--sizes") ?? "1000,10000,100000").split(separator: ",").compactMap { Int($0) }
let runs = Int(option("--runs") ?? "5") ?? 5
let dir = option("--dir") ?? (NSTemporaryDirectory() + "followup-bench")
try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
let day = asOf.iso

struct Row {
  var name: String
  var target: String
  var values: [Int: Double] = [:]
  var unit = "ms"
}
var rows: [Row] = [
  Row(name: "import the whole set", target: "≤ 2000"),
  Row(name: "CLI filtered list (one agency)", target: "≤ 100"),
  Row(name: "CLI overdue count", target: "≤ 150"),
  Row(name: "CLI per-agency summary", target: "≤ 150"),
  Row(name: "CLI free-text search", target: "≤ 150"),
  Row(name: "CLI mark one task done", target: "≤ 30"),
  Row(name: "interface: open + load + first frame", target: "≤ 400"),
  Row(name: "interface: render one frame", target: "—"),
  Row(name: "interface: one search keystroke, redrawn", target: "≤ 16"),
  Row(name: "interface: mark done, durable + redrawn", target: "≤ 30"),
  Row(name: "peak memory, interface open (MB)", target: "≤ 150", unit: "MB"),
  Row(name: "peak memory, CLI reads and done (MB)", target: "—", unit: "MB"),
  Row(name: "interface: search index ready (background)", target: "—"),
  Row(name: "peak memory, import (MB)", target: "—", unit: "MB"),
]
var notes: [String] = []

for n in sizes {
  let json = dir + "/tasks-\(n).json"
  let doc = Generator(tasks: n, seed: 20_230_526, asOf: asOf).document()
  do { try Data(InterchangeWriter.json(doc).utf8).write(to: URL(fileURLWithPath: json)) } catch { fail("\(error)") }
  let rules = TimelinessRules()
  var overdue = 0, done = 0
  for t in doc.tasks {
    let tl = rules.evaluate(t, asOf: asOf)
    if tl.isOverdue { overdue += 1 }
    if tl.isDone { done += 1 }
  }
  let leadCounts = Dictionary(grouping: doc.tasks, by: \.lead).mapValues(\.count)
  // The agency whose share is closest to 1.3 % (the issue's "one agency, ~1.3k rows" at 100k).
  let agency = leadCounts.min { abs($0.value - n * 13 / 1000) < abs($1.value - n * 13 / 1000) }?.key ?? "LHH"
  notes.append("\(n) tasks: \(doc.meetings.count) meetings, \(overdue * 100 / max(1, n)) % overdue, \(done * 100 / max(1, n)) % done; agency \(agency) leads \(leadCounts[agency] ?? 0)")
  let db = dir + "/bench-\(n).db"
  var times: [Double] = []
  var importPeak = 0.0
  for _ in 0..<max(1, min(runs, n >= 100_000 ? 3 : runs)) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
    let r = run(followup, ["import", "--file", db, json])
    if r.status != 0 { fail("import failed for \(n)") }
    times.append(r.ms)
  }
  for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
  importPeak = run(followup, ["import", "--file", db, json], sampleMemory: true).rssMB
  rows[0].values[n] = median(times)
  rows[13].values[n] = importPeak
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
  rows[1].values[n] = timed(["list", "agency:" + agency, "--file", db, "--as-of", day])
  rows[2].values[n] = timed(["count", "status:overdue", "--file", db, "--as-of", day])
  rows[3].values[n] = timed(["workload", "--file", db, "--as-of", day])
  rows[4].values[n] = timed(["list", "giai thuong nguyen binh khiem", "--file", db, "--as-of", day])
  let open = doc.tasks.filter { $0.status.isOpen }.map(\.id)
  var doneTimes: [Double] = []
  for id in open.prefix(runs) {
    let r = run(followup, ["done", String(id), "--file", db])
    if r.status != 0 { fail("done failed") }
    doneTimes.append(r.ms)
  }
  if let id = open.dropFirst(runs).first {
    cliPeak = max(cliPeak, run(followup, ["done", String(id), "--file", db], sampleMemory: true).rssMB)
  }
  rows[5].values[n] = median(doneTimes)
  rows[11].values[n] = cliPeak
  let probe = run(CommandLine.arguments[0], ["--interface", db, "--runs", String(runs)], capture: true)
  guard let obj = try? JSONSerialization.jsonObject(with: Data(probe.out.utf8)) as? [String: Any] else {
    fail("interface probe failed for \(n): \(probe.out)")
  }
  rows[6].values[n] = obj["open"] as? Double
  rows[7].values[n] = obj["render"] as? Double
  rows[8].values[n] = obj["keystroke"] as? Double
  rows[9].values[n] = obj["done"] as? Double
  rows[10].values[n] = obj["rss"] as? Double
  rows[12].values[n] = obj["indexReady"] as? Double
  notes.append("\(n) tasks: slowest search keystroke \(String(format: "%.1f", obj["keystrokeMax"] as? Double ?? 0)) ms; \"giai thuong nguyen binh khiem\" finds \(obj["searchHits"] ?? 0) tasks")
}

func fmt(_ v: Double?) -> String {
  guard let v else { return "–" }
  return v >= 100 ? String(format: "%.0f", v) : String(format: "%.1f", v)
}
let sizeHeads = sizes.map { $0 >= 1000 ? "\($0 / 1000)k" : "\($0)" }
print("| operation (medians of \(runs) runs) | " + sizeHeads.joined(separator: " | ") + " | target at 100k | growth exponent |")
print("|---|" + sizes.map { _ in "---:" }.joined(separator: "|") + "|---|---:|")
for row in rows {
  var exponent = "–"
  if let a = sizes.first, let b = sizes.last, a != b, let ta = row.values[a], let tb = row.values[b], ta > 0, tb > 0 {
    exponent = String(format: "%.2f", log(tb / ta) / log(Double(b) / Double(a)))
  }
  print("| \(row.name) | " + sizes.map { fmt(row.values[$0]) }.joined(separator: " | ") + " | \(row.target) | \(exponent) |")
}
print("")
for n in notes { print("- " + n) }
print("- machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; data in \(dir)")
