import FollowUpCore
import GRDB

/// SQLite file storage.
public enum StoreInfo {}
