import KubeAPI

/// kubectl's `OmitManagedFieldsPrinter` (`-o json` and `-o yaml` unless `--show-managed-fields`): objects are
/// printed without `metadata.managedFields`, in lists too. Pure.
enum ManagedFieldsOmission {
    /// `value` without the managed fields of its metadata, or of each item's when it is a list.
    static func omitted(_ value: JSONValue) -> JSONValue {
        var value = value
        if let items = value["items"]?.arrayValue, value["kind"]?.stringValue?.hasSuffix("List") == true {
            value["items"] = .array(items.map(omitted))
        }
        guard var metadata = value["metadata"]?.objectValue, metadata["managedFields"] != nil else { return value }
        metadata.removeValue(forKey: "managedFields")
        value["metadata"] = .object(metadata)
        return value
    }
}
