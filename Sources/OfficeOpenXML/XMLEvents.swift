import FollowUpCore
import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// What a streaming reader of an Office XML part is told, element by element.
///
/// Names arrive without their namespace prefix (`x:row` and `row` are the same element):
/// Office writers differ in the prefixes they choose, never in the local names.
public protocol XMLEventHandler: AnyObject {
  /// An element opens with its attributes (prefixes removed from their names too).
  func start(_ name: String, attributes: [String: String])
  /// An element closes.
  func end(_ name: String)
  /// Character data inside the current element; may come in several pieces.
  func text(_ text: String)
  /// Set by the handler to stop the parse; `XMLEvents.parse` then throws it as it is.
  var failure: Error? { get }
}

/// Streams an Office XML part through Foundation's SAX parser (libxml2 underneath).
///
/// A part with a DOCTYPE is refused before parsing: Office never writes one, and a DTD is how
/// entity-expansion ("billion laughs") and external-entity attacks get in.
public enum XMLEvents {
  /// Parses `data`, calling `handler`; `part` names the part in the error sentence.
  public static func parse(_ data: Data, part: String, into handler: XMLEventHandler) throws {
    if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
      throw UserError(
        .xmlDoctype,
        vi: "Phần \(part) có khai báo DOCTYPE/ENTITY mà tài liệu Office không bao giờ có; tệp không được đọc",
        en: "The part \(part) declares a DOCTYPE or ENTITY, which Office documents never do; the file was not read")
    }
    // From a stream, not `XMLParser(data:)`: on Linux that hands libxml2 the whole part in one
    // push and fails past 10 MB ("huge input lookup"), which a 7 000-row sheet already reaches.
    let parser = XMLParser(stream: InputStream(data: data))
    parser.shouldProcessNamespaces = false
    parser.shouldResolveExternalEntities = false
    let bridge = Bridge(handler)
    parser.delegate = bridge
    // XMLParser has no throwing callbacks: a handler sets `failure` and the bridge aborts.
    if !parser.parse() {
      if let stop = handler.failure { throw stop }
      let line = parser.lineNumber
      throw UserError(
        .xmlMalformed,
        vi: "Phần \(part) không phải XML hợp lệ (dòng \(line)); hãy lưu lại tài liệu bằng Excel hoặc LibreOffice",
        en: "The part \(part) is not well-formed XML (line \(line)); save the document again from Excel or LibreOffice")
    }
    if let stop = handler.failure { throw stop }
  }

  /// Removes a namespace prefix: `x:row` → `row`.
  @inline(__always) static func local(_ name: String) -> String {
    guard let colon = name.lastIndex(of: ":") else { return name }
    return String(name[name.index(after: colon)...])
  }

  private final class Bridge: NSObject, XMLParserDelegate {
    let handler: XMLEventHandler
    init(_ handler: XMLEventHandler) { self.handler = handler }

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
      var attrs: [String: String] = [:]
      for (k, v) in attributeDict { attrs[XMLEvents.local(k)] = v }
      handler.start(XMLEvents.local(elementName), attributes: attrs)
      if handler.failure != nil { parser.abortParsing() }
    }
    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
      qualifiedName qName: String?
    ) {
      handler.end(XMLEvents.local(elementName))
      if handler.failure != nil { parser.abortParsing() }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { handler.text(string) }
    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
      handler.text(String(decoding: CDATABlock, as: UTF8.self))
    }
  }
}
