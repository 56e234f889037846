// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "followup",
  products: [
    .executable(name: "followup", targets: ["followup"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/pointfreeco/swift-custom-dump", from: "1.7.3"),
  ],
  targets: [
    // Domain values and pure rules: Foundation only, no I/O, no clock.
    .target(
      name: "FollowUpCore",
      resources: [
        .embedInCode("../../Resources/sample.json"),
        .embedInCode("../../Resources/agencies.json"),
        .embedInCode("../../Resources/holidays.json"),
      ]
    ),
    // Office Open XML (.xlsx, .docx) packages read under limits and workbooks written: no store.
    .target(
      name: "OfficeOpenXML",
      dependencies: ["FollowUpCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
    ),
    // The only code that touches SQL.
    .target(
      name: "FollowUpStore",
      dependencies: [
        "FollowUpCore", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    // Cells, styles, grids, layout, key events, text width: no tasks, no ncurses.
    .target(name: "TermCore"),
    .systemLibrary(
      name: "CNcursesw",
      path: "Sources/CNcursesw",
      providers: [.apt(["libncurses-dev"])]
    ),
    // The only code that calls ncurses.
    .target(name: "CursesBackend", dependencies: ["TermCore", "CNcursesw"]),
    // State, actions, effects, update and render: pure.
    .target(name: "FollowUpTUI", dependencies: ["FollowUpCore", "TermCore"]),
    // Run loop and effect runner: where the pieces meet.
    .target(
      name: "FollowUpApp",
      dependencies: ["FollowUpTUI", "FollowUpCore", "FollowUpStore", "TermCore", "CursesBackend", "OfficeOpenXML"]
    ),
    .target(
      name: "FollowUpCLI",
      dependencies: [
        "FollowUpApp", "FollowUpCore", "FollowUpStore", "FollowUpTUI", "TermCore", "OfficeOpenXML", "FollowUpPostgres",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]
    ),
    .executableTarget(name: "followup", dependencies: ["FollowUpCLI"]),
    .systemLibrary(name: "CLibpq", path: "Sources/CLibpq", providers: [.apt(["libpq-dev"])]),
    // The PostgreSQL store: libpq, the server's schema, roles and row-level security.
    .target(name: "FollowUpPostgres", dependencies: ["CLibpq", "FollowUpCore", "FollowUpStore"]),
    // Data generator and benchmark: `swift run -c release followup-bench`.
    .executableTarget(
      name: "followup-bench",
      dependencies: ["FollowUpCore", "FollowUpStore", "FollowUpTUI", "FollowUpApp", "TermCore"]
    ),

    // What the test suites share: the sample, scratch folders and stores, the process runner,
    // the tmux driver, whole-value comparisons, the store conformance checks.
    .target(
      name: "FollowUpTestSupport",
      dependencies: [
        "FollowUpCore", "FollowUpStore", "FollowUpTUI", .product(name: "CustomDump", package: "swift-custom-dump"),
      ]
    ),

    .testTarget(name: "FollowUpCoreTests", dependencies: ["FollowUpCore", "FollowUpTestSupport"]),
    .testTarget(
      name: "OfficeOpenXMLTests",
      dependencies: [
        "OfficeOpenXML", "FollowUpCore", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    .testTarget(
      name: "FollowUpStoreTests", dependencies: ["FollowUpStore", "FollowUpCore", "FollowUpTUI", "FollowUpTestSupport"]),
    .testTarget(name: "TermCoreTests", dependencies: ["TermCore"]),
    .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "TermCore"]),
    .testTarget(
      name: "FollowUpTUITests",
      dependencies: ["FollowUpTUI", "FollowUpCore", "TermCore", "FollowUpTestSupport"],
      exclude: ["Snapshots"]
    ),
    .testTarget(
      name: "FollowUpAppTests",
      dependencies: [
        "FollowUpApp", "FollowUpTUI", "FollowUpCore", "FollowUpStore", "TermCore", "FollowUpTestSupport",
      ]
    ),
    // The xlsx checks build workbooks with ZIPFoundation and open ours in LibreOffice
    // (libreoffice-calc and poppler-utils, installed by .ci/run).
    .testTarget(
      name: "FollowUpCLITests",
      dependencies: [
        "FollowUpCore", "FollowUpCLI", "FollowUpTestSupport", "OfficeOpenXML",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      exclude: ["Fixtures"]
    ),
    // The notice intake: extractor rules, the labelled evaluation set, and the command on bad files.
    .testTarget(name: "IntakeTests", dependencies: ["FollowUpCore"], exclude: ["Corpus", "Fixtures"]),
    // Needs a PostgreSQL server: FOLLOWUP_TEST_PG_URL, else a throwaway cluster via .ci/pg-cluster.
    .testTarget(
      name: "FollowUpPostgresTests", dependencies: ["FollowUpPostgres", "FollowUpCore", "FollowUpStore", "FollowUpTestSupport"]),
    // Runs the real binary inside tmux: needs tmux (installed by .ci/run).
    .testTarget(name: "FollowUpE2ETests", dependencies: ["FollowUpCore", "FollowUpTestSupport"]),
    // Crash safety, concurrent writers, bad input, hostile text, fuzz corpora.
    .testTarget(
      name: "ReliabilityTests", dependencies: ["FollowUpCore", "FollowUpStore", "FollowUpTestSupport"],
      exclude: ["Corpus"]),
  ]
)
