import Foundation
import KubeAPI
import Wire

extension CustomResourceDefinition: Defaultable {
    /// Upstream `SetDefaults_CustomResourceDefinition(Spec)`: `names.singular` is the lower-cased kind,
    /// `names.listKind` is `<kind>List`, `conversion.strategy` is `None`, and `status.storedVersions` starts with the
    /// storage version.
    public mutating func applyDefaults() {
        if (spec.names.singular ?? "").isEmpty { spec.names.singular = spec.names.kind.lowercased() }
        if (spec.names.listKind ?? "").isEmpty, !spec.names.kind.isEmpty { spec.names.listKind = spec.names.kind + "List" }
        if spec.conversion == nil { spec.conversion = CustomResourceConversion(strategy: "None", webhook: nil) }
        if status.storedVersions.isEmpty, let storage = storageVersion { status.storedVersions = [storage.name] }
    }

    /// What the API server's naming and establishing controllers write, done at admission: the names accepted as
    /// given (`NamesAccepted`), the kind served at once (`Established`), and the storage version recorded among the
    /// stored versions. A condition already true keeps its transition time.
    mutating func accept(now: Date) {
        status.acceptedNames = spec.names
        if let storage = storageVersion, !status.storedVersions.contains(storage.name) {
            status.storedVersions.append(storage.name)
        }
        let time = Timestamp.format(now)
        var conditions = status.conditions ?? []
        for (type, reason, message) in [
            ("NamesAccepted", "NoConflicts", "no conflicts found"),
            ("Established", "InitialNamesAccepted", "the initial names have been accepted"),
        ] {
            let condition = CustomResourceDefinitionCondition(
                type: type, status: "True", lastTransitionTime: time, reason: reason, message: message)
            if let index = conditions.firstIndex(where: { $0.type == type }) {
                if conditions[index].status != "True" { conditions[index] = condition }
            } else {
                conditions.append(condition)
            }
        }
        status.conditions = conditions
    }
}
