import FollowUpApp
import FollowUpCore
import TermCore

/// Placeholder until the `$EDITOR` round trip is wired: reports that it is unavailable.
final class ExternalEditor: ExternalEditing {
  let lang: Lang
  init(lang: Lang) { self.lang = lang }

  func edit(_ task: FollowUpTask, catalog: Catalog, backend: TerminalBackend) -> Result<FollowUpTask, UserError> {
    .failure(UserError("editor.none", vi: "Chưa hỗ trợ sửa bằng $EDITOR", en: "Editing in $EDITOR is not available yet"))
  }
}
