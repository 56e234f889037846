import Foundation

/// Data carried inside the binary, so an installed `followup` needs no files beside it.
public enum BundledData {
  /// The seed meeting's sample data set (`Resources/sample.json`).
  public static var sampleJSON: Data { Data(PackageResources.sample_json) }
  /// The Hải Phòng agency directory (`Resources/agencies.json`).
  public static var agencyDirectoryJSON: Data { Data(PackageResources.agencies_json) }
  /// The public holidays of state offices by year (`Resources/holidays.json`).
  public static var holidaysJSON: Data { Data(PackageResources.holidays_json) }
}
