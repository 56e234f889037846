/// The language of everything a person reads: tables, reports, errors, the interface.
public enum Lang: String, Sendable, CaseIterable, Codable {
  /// Tiếng Việt.
  case vi
  /// English.
  case en

  /// Vietnamese when the locale variables name Vietnamese, else English.
  ///
  /// Follows POSIX precedence: `LC_ALL`, then `LC_MESSAGES`, then `LANG`.
  public static func fromLocale(_ environment: [String: String]) -> Lang {
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let value = environment[key], !value.isEmpty {
        return value.lowercased().hasPrefix("vi") ? .vi : .en
      }
    }
    return .en
  }

  /// Picks the text for this language.
  @inlinable
  public func pick(vi: String, en: String) -> String { self == .vi ? vi : en }
}

/// An error a person can act on: one sentence saying what was wrong and what to do.
///
/// Both languages are written where the error is raised, so the sentence and the facts
/// it names stay together.
public struct UserError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What kind of problem it is.
  public var code: Code
  /// The sentence in Vietnamese.
  public var vi: String
  /// The sentence in English.
  public var en: String

  /// Creates an error with both sentences.
  public init(_ code: Code, vi: String, en: String) {
    self.code = code
    self.vi = vi
    self.en = en
  }

  /// The sentence in a language.
  public func message(_ lang: Lang) -> String { lang.pick(vi: vi, en: en) }

  /// Adds where the problem was (file, record, field, token) in front of the sentence.
  public func located(vi locVi: String, en locEn: String) -> UserError {
    UserError(code, vi: locVi + ": " + vi, en: locEn + ": " + en)
  }

  public var description: String { en }
}
