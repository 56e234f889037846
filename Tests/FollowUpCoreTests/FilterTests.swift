import FollowUpCore
import Testing

@Suite struct FilterTests {
  static let context = FilterContext(catalog: Sample.catalog, asOf: Sample.day("2023-12-31"), me: "P06")

  /// Done routine task: reported as routine, yet no longer open.
  @Test func aDoneRoutineTaskIsNotOpen() throws {
    var t7 = try #require(Sample.tasks.first { $0.ref == "T7" })
    let f = try TaskFilter.parse("status:open", context: Self.context)
    #expect(f.matches(t7, context: Self.context) { [] })
    t7.status = .done
    t7.completedOn = Sample.day("2023-12-01")
    #expect(!f.matches(t7, context: Self.context) { [] })
    // Completed after the as-of day: still open on it.
    t7.completedOn = Sample.day("2024-01-05")
    #expect(f.matches(t7, context: Self.context) { [] })
  }

  func refs(_ text: String, incremental: Bool = false) throws -> [String] {
    let f = try TaskFilter.parse(text, context: Self.context, incremental: incremental)
    return Sample.tasks.filter { t in
      f.matches(t, context: Self.context) { SearchText.tokens(for: t, catalog: Sample.catalog) }
    }.compactMap(\.ref)
  }

  /// DOMAIN.md §6.4 search oracle, through the real filter parser and task search text.
  @Test(arguments: [
    ("tri thuc", ["T1", "T2", "T7"]),
    ("dang doan", ["T1", "T7"]),
    ("doan", ["T1", "T7"]),
    ("Đoàn", ["T1", "T7"]),
    ("hoi dac thu", ["T5"]),
    ("nguyen binh khiem", ["T4"]),
    ("phan bien", ["T3"]),
    ("giam dinh xa hoi", ["T3"]),
    ("so noi vu", ["T2", "T3", "T4", "T5"]),
    ("thanh uy", ["T1", "T6"]),
    ("ubnd", ["T3"]),
    ("kh&cn", ["T2", "T3", "T4"]),
    ("KH & CN", ["T2", "T3", "T4"]),
    ("chinh sach", ["T2", "T7"]),
  ])
  func searchOracle(_ query: String, _ expected: [String]) throws {
    #expect(try refs(query) == expected)
  }

  @Test func aWordStillBeingTypedMatchesAsAPrefix() throws {
    #expect(try refs("nguyen binh kh", incremental: true) == ["T4"])
    #expect(try refs("nguyen binh kh", incremental: false) == [])
    // A finished word (followed by a space) is whole again.
    #expect(try refs("doan ", incremental: true) == ["T1", "T7"])
    #expect(try refs("doan", incremental: true) == ["T1", "T2", "T7"])
  }

  @Test(arguments: [
    ("agency:LHH", ["T2", "T3", "T4", "T5"]),
    ("agency:\"Liên hiệp hội\"", ["T2", "T3", "T4", "T5"]),
    ("agency:LHH,DD_LHH", ["T1", "T2", "T3", "T4", "T5", "T7"]),
    ("with:SNV", ["T2", "T3", "T4", "T5"]),
    ("status:overdue", ["T1"]),
    ("status:qua_han", ["T1"]),
    ("status:done", ["T3", "T4", "T6"]),
    ("status:late", ["T4"]),
    ("status:open", ["T1", "T2", "T5", "T7"]),
    ("status:routine", ["T7"]),
    ("status:extended", ["T3"]),
    ("status:overdue,late", ["T1", "T4"]),
    ("owner:thuy", ["T2", "T5"]),
    ("owner:me", ["T2", "T5"]),
    ("is:mine", ["T2", "T5"]),
    ("due<31/12/2023", ["T1", "T3", "T4", "T6"]),
    ("due>=1/1/2024", ["T2"]),
    ("due:none", ["T5", "T7"]),
    ("due:30/11/2023", ["T4"]),
    ("due:1/9/2023..30/9/2023", ["T1", "T3"]),
    ("done<1/10/2023", ["T3", "T6"]),
    ("meeting:M2023-0526", ["T1", "T2", "T3", "T4", "T5", "T6", "T7"]),
    ("id:2-4", ["T2", "T3", "T4"]),
    ("-status:done agency:LHH", ["T2", "T5"]),
    ("agency:LHH status:open tri thuc", ["T2"]),
    ("#khẩn", []),
    ("priority:no status:overdue", ["T1"]),
  ])
  func fields(_ query: String, _ expected: [String]) throws {
    #expect(try refs(query) == expected)
  }

  @Test(arguments: [
    ("agency:LHH \"nguyen binh", "filter.quote"),
    ("colour:red", "filter.field"),
    ("status<done", "filter.compare"),
    ("due<tomorrowish", "filter.value"),
    ("due<31/6/2023", "filter.value"),
    ("status:nonsense", "filter.value"),
    ("agency:XYZQ", "filter.value"),
    ("owner:zzz", "filter.value"),
    ("agency:", "filter.value"),
    ("id:abc", "filter.value"),
  ])
  func badFiltersNameTheirToken(_ query: String, _ code: String) {
    do {
      _ = try TaskFilter.parse(query, context: Self.context)
      Issue.record("\(query) should not parse")
    } catch let e as UserError {
      #expect(e.code.rawValue == code)
      let token = query.split(separator: " ").first { !$0.hasPrefix("agency:LHH") } ?? ""
      #expect(e.en.contains(String(token.prefix(6))), "\(e.en)")
      #expect(!e.vi.isEmpty)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  /// Agency names are matched through the task's agencies, not copied into its own tokens:
  /// a name found only in a coordinating agency still finds the task, and a phrase never
  /// joins words from an agency's name and the task's content.
  @Test func agencyNamesMatchThroughTheTasksAgencies() throws {
    let t3 = Sample.task("T3")
    #expect(!SearchText.tokens(for: t3, catalog: Sample.catalog).contains("tu" ) || t3.content.contains("tư"))
    #expect(!SearchText.tokens(for: t3, catalog: Sample.catalog).contains("skhcn"))
    #expect(try refs("so tu phap") == ["T3"])
    #expect(try refs("skhcn") == ["T2", "T3", "T4"])
    #expect(try refs("lien hiep hoi tham muu") == [], "a phrase does not run from an agency's name into the content")
  }

  @Test func emptyFilterMatchesEverything() throws {
    #expect(try refs("").count == 7)
    #expect(try TaskFilter.parse("  ", context: Self.context).isEmpty)
  }
}
