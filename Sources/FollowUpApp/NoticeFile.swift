import FollowUpCore
import Foundation
import OfficeOpenXML

/// Reads a notice from a file in whichever form it comes: text, .docx or PDF.
public enum IntakeFile {
  /// Larger notices are refused before they are read.
  public static let maxBytes = 64 * 1024 * 1024

  /// The notice's text: `-` reads standard input; .pdf through pdftotext, .docx through its XML, else UTF-8/UTF-16 text.
  public static func text(_ path: String) throws -> String {
    let name = path == "-" ? "stdin" : path
    let data: Data
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      let attrs = try? FileManager.default.attributesOfItem(atPath: path)
      guard let size = attrs?[.size] as? Int, let read = FileManager.default.contents(atPath: path) else {
        throw UserError(.intakeMissing, vi: "Không đọc được tệp '\(path)'; kiểm tra đường dẫn", en: "Cannot read the file '\(path)'; check the path")
      }
      if size > maxBytes {
        throw UserError(
          .intakeSize, vi: "Tệp '\(path)' lớn quá \(maxBytes / 1_048_576) MB, không phải một thông báo",
          en: "The file '\(path)' is over \(maxBytes / 1_048_576) MB, too large for a notice")
      }
      data = read
    }
    guard !data.isEmpty else {
      throw UserError(.intakeEmpty, vi: "Tệp '\(name)' rỗng; hãy chọn tệp thông báo có nội dung", en: "The file '\(name)' is empty; choose a notice that has some text")
    }
    let lower = path.lowercased()
    if data.starts(with: Array("%PDF-".utf8)) || lower.hasSuffix(".pdf") {
      return try pdfText(data, name: name)
    }
    if lower.hasSuffix(".docx") || data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      return try docxText(data, name: name)
    }
    return try IntakeText.decode(data, name: name)
  }

  /// The text layer of a PDF, through `pdftotext -layout` (poppler-utils).
  public static func pdfText(_ data: Data, name: String) throws -> String {
    guard data.starts(with: Array("%PDF-".utf8)) else {
      throw UserError(.intakePdf, vi: "Tệp '\(name)' không phải PDF hợp lệ", en: "The file '\(name)' is not a valid PDF")
    }
    let tool = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext", "/opt/homebrew/bin/pdftotext"]
      .first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let tool else {
      throw UserError(
        .intakePdftotext,
        vi: "Đọc PDF cần chương trình pdftotext (gói poppler-utils) nhưng máy chưa cài; hãy cài nó hoặc lưu thông báo thành .docx/.txt",
        en: "Reading a PDF needs pdftotext (package poppler-utils), which is not installed; install it or save the notice as .docx or .txt")
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("followup-intake-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("in.pdf")
    let output = dir.appendingPathComponent("out.txt")
    try data.write(to: input)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = ["-layout", "-enc", "UTF-8", input.path, output.path]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0, let out = FileManager.default.contents(atPath: output.path) else {
      throw UserError(.intakePdf, vi: "Không đọc được tệp PDF '\(name)'; tệp có thể hỏng hoặc có mật khẩu", en: "Could not read the PDF '\(name)'; it may be damaged or password-protected")
    }
    let text = String(decoding: out, as: UTF8.self)
    guard text.contains(where: { $0.isLetter }) else {
      throw UserError(
        .intakePdfNotext,
        vi: "Tệp PDF '\(name)' không có lớp chữ (có thể là bản chụp); hãy dùng bản .docx hoặc nhận dạng chữ (OCR) trước",
        en: "The PDF '\(name)' has no text layer (it may be a scan); use the .docx or run OCR first")
    }
    return layoutToParagraphs(text)
  }

  /// `pdftotext -layout` keeps the page's line breaks and indentation; a wrapped line is
  /// joined to the one before unless it starts a new item.
  public static func layoutToParagraphs(_ text: String) -> String {
    var out: [String] = []
    var blank = true
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.replacingOccurrences(of: "\u{0C}", with: "").trimmingCharacters(in: .whitespaces)
      if line.isEmpty {
        blank = true
        continue
      }
      let startsItem = IntakeItemsLabel.isLabelled(line)
      let prevEnds = out.last.map { $0.hasSuffix(".") || $0.hasSuffix(":") || $0.hasSuffix(";") } ?? true
      if !blank, !startsItem, !prevEnds, let last = out.popLast() {
        out.append(last + " " + line)
      } else {
        out.append(line)
      }
      blank = false
    }
    return out.joined(separator: "\n")
  }

  /// The notices of an evaluation set: each `NAME.txt` (or .docx, .pdf) with `NAME.labels.json`.
  public static func corpus(_ dir: String) throws -> [(name: String, text: String, labels: [IntakeLabel])] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
      throw UserError(.intakeCorpus, vi: "Không đọc được thư mục '\(dir)'", en: "Cannot read the directory '\(dir)'")
    }
    var out: [(name: String, text: String, labels: [IntakeLabel])] = []
    for name in names.sorted() where name.hasSuffix(".labels.json") {
      let base = String(name.dropLast(".labels.json".count))
      guard let notice = names.first(where: { $0 != name && ($0 as NSString).deletingPathExtension == base }) else {
        throw UserError(.intakeCorpus, vi: "Nhãn '\(name)' không có văn bản '\(base).txt' đi kèm", en: "The labels '\(name)' have no notice '\(base).txt' beside them")
      }
      let labelPath = (dir as NSString).appendingPathComponent(name)
      guard let data = FileManager.default.contents(atPath: labelPath) else {
        throw UserError(.intakeCorpus, vi: "Không đọc được '\(labelPath)'", en: "Cannot read '\(labelPath)'")
      }
      out.append((base, try text((dir as NSString).appendingPathComponent(notice)), try IntakeEvaluation.labels(data, name: labelPath)))
    }
    guard !out.isEmpty else {
      throw UserError(.intakeCorpus, vi: "Thư mục '\(dir)' không có tệp nhãn *.labels.json nào", en: "The directory '\(dir)' has no *.labels.json files")
    }
    return out
  }

  /// The text of a .docx, refused when it has no words.
  public static func docxText(_ data: Data, name: String) throws -> String {
    let text = try DocxText.read(data, name: name)
    try IntakeText.requireWords(text, name: name)
    return text
  }
}
