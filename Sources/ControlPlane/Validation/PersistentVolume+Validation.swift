import Foundation
import KubeAPI
import Wire

/// core/v1 PersistentVolume rules: upstream `ValidatePersistentVolume` (`ValidatePersistentVolumeSpec`) and
/// `ValidatePersistentVolumeUpdate`, for the sources this API types (host path, local, NFS, CSI); the other sources
/// are counted, not inspected.
extension PersistentVolume: Validatable {
    static let accessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"]
    static let reclaimPolicies = ["Delete", "Recycle", "Retain"]
    static let volumeModes = ["Block", "Filesystem"]
    static let hostPathTypes = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File",
                                "FileOrCreate", "Socket"]

    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: false)
        let field = "spec"
        if (spec.accessModes ?? []).isEmpty { errors.append(.required("\(field).accessModes")) }
        errors += Self.validateAccessModes(spec.accessModes, field: "\(field).accessModes")
        let capacity = spec.capacity ?? [:]
        if capacity.isEmpty { errors.append(.required("\(field).capacity")) }
        if capacity["storage"] == nil || capacity.count > 1 {
            errors.append(.notSupported("\(field).capacity", Self.renderResourceList(capacity), supported: ["storage"]))
        }
        for (resource, quantity) in capacity.sorted(by: { $0.key < $1.key }) {
            errors += StorageQuantity.positive(quantity, field: "\(field).capacity[\(resource)]")
        }
        if let className = spec.storageClassName, !className.isEmpty {
            errors += FieldRules.invalid("\(field).storageClassName", className,
                                         Validation.nameIsDNSSubdomain(className, prefix: false))
        }
        if let mode = spec.volumeMode, !Self.volumeModes.contains(mode) {
            errors.append(FieldRules.notSupported("\(field).volumeMode", mode, Self.volumeModes))
        }
        errors += validateSources(field: field)
        if let policy = spec.persistentVolumeReclaimPolicy, !policy.isEmpty {
            if !Self.reclaimPolicies.contains(policy) {
                errors.append(FieldRules.notSupported("\(field).persistentVolumeReclaimPolicy", policy,
                                                      Self.reclaimPolicies))
            } else if policy == "Recycle", let path = spec.hostPath?["path"]?.stringValue,
                (path as NSString).standardizingPath == "/"
            {
                errors.append(.forbidden("\(field).persistentVolumeReclaimPolicy",
                                         "may not be 'recycle' for a hostPath mount of '/'"))
            }
        }
        return errors
    }

    /// The create rules, then: the volume source may not change (`spec.persistentvolumesource: Forbidden`),
    /// `volumeMode` may not change, and a node affinity once set may not change.
    func validateUpdate(old: PersistentVolume) -> [FieldError] {
        var errors = metadata.validateUpdate(old: old.metadata) + validateCreate()
        let sources = spec.sources.map { "\($0.name)=\($0.value.jsonString())" }
        let oldSources = old.spec.sources.map { "\($0.name)=\($0.value.jsonString())" }
        if sources != oldSources {
            errors.append(.forbidden("spec.persistentvolumesource",
                                     "spec.persistentvolumesource is immutable after creation"))
        }
        errors += FieldRules.immutable(changed: spec.volumeMode != old.spec.volumeMode, field: "volumeMode",
                                       rendered: spec.volumeMode.map(GoQuote.quote) ?? GoRendering.null)
        if old.spec.nodeAffinity != nil, spec.nodeAffinity != old.spec.nodeAffinity {
            errors.append(.invalid("nodeAffinity", "core.VolumeNodeAffinity{…}", FieldRules.immutableMessage))
        }
        return errors
    }

    /// Exactly one source (`may not specify more than 1 volume type` on the second and later, `must specify a
    /// volume type` without one), and the rules of the typed ones.
    private func validateSources(field: String) -> [FieldError] {
        var errors: [FieldError] = []
        let sources = spec.sources
        if sources.isEmpty { errors.append(.required(field, "must specify a volume type")) }
        for (index, source) in sources.enumerated() {
            let path = "\(field).\(source.name)"
            if index > 0 {
                errors.append(.forbidden(path, "may not specify more than 1 volume type"))
                continue
            }
            let value = source.value
            switch source.name {
            case "hostPath":
                errors += Self.requiredPath(value, field: path, absolute: false)
                if let type = value["type"]?.stringValue, !Self.hostPathTypes.contains(type) {
                    errors.append(FieldRules.notSupported("\(path).type", type, Self.hostPathTypes))
                }
            case "local":
                errors += Self.requiredPath(value, field: path, absolute: true)
                if spec.nodeAffinity == nil {
                    errors.append(.required("\(field).nodeAffinity", "Local volume requires node affinity"))
                }
            case "nfs":
                if (value["server"]?.stringValue ?? "").isEmpty { errors.append(.required("\(path).server")) }
                errors += Self.requiredPath(value, field: path, absolute: true)
            case "csi":
                if (value["driver"]?.stringValue ?? "").isEmpty { errors.append(.required("\(path).driver")) }
                if (value["volumeHandle"]?.stringValue ?? "").isEmpty {
                    errors.append(.required("\(path).volumeHandle"))
                }
            default:
                break
            }
        }
        return errors
    }

    /// A source's `path`: required, without `..` steps, and absolute where the source needs it.
    private static func requiredPath(_ source: JSONValue, field: String, absolute: Bool) -> [FieldError] {
        let path = source["path"]?.stringValue ?? ""
        guard !path.isEmpty else { return [.required("\(field).path")] }
        var errors: [FieldError] = []
        if absolute, !path.hasPrefix("/") {
            errors.append(.invalid("\(field).path", GoQuote.quote(path), "must be an absolute path"))
        }
        if path.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            errors.append(.invalid("\(field).path", GoQuote.quote(path), "must not contain '..'"))
        }
        return errors
    }

    /// Each mode supported; `ReadWriteOncePod` alone.
    static func validateAccessModes(_ modes: [String]?, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        var once = false
        var other = false
        for mode in modes ?? [] {
            if !accessModes.contains(mode) { errors.append(FieldRules.notSupported(field, mode, accessModes)) }
            if mode == "ReadWriteOncePod" { once = true } else { other = true }
        }
        if once && other { errors.append(.forbidden(field, "may not use ReadWriteOncePod with other access modes")) }
        return errors
    }

    /// Go's `%#v` of a `core.ResourceList` as far as it can be reproduced: `core.ResourceList(nil)` when empty.
    static func renderResourceList(_ list: [String: String]) -> String {
        guard !list.isEmpty else { return "core.ResourceList(nil)" }
        let entries = list.sorted { $0.key < $1.key }.map { "\(GoQuote.quote($0.key)):resource.Quantity{\($0.value)}" }
        return "core.ResourceList{" + entries.joined(separator: ", ") + "}"
    }
}

/// core/v1 PersistentVolumeClaim rules: upstream `ValidatePersistentVolumeClaim` and
/// `ValidatePersistentVolumeClaimUpdate` (feature gates as in 1.32: VolumeAttributesClass off).
extension PersistentVolumeClaim: Validatable {
    func validateCreate() -> [FieldError] {
        metadata.validate(namespaced: true) + Self.validateSpec(spec, field: "spec")
    }

    /// Upstream `ValidatePersistentVolumeClaimSpec`, also used for StatefulSet `volumeClaimTemplates`.
    static func validateSpec(_ spec: PersistentVolumeClaimSpec, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if (spec.accessModes ?? []).isEmpty {
            errors.append(.required("\(field).accessModes", "at least 1 access mode is required"))
        }
        errors += Validation.validateLabelSelector(spec.selector, field: "\(field).selector")
        errors += PersistentVolume.validateAccessModes(spec.accessModes, field: "\(field).accessModes")
        if let storage = spec.resources?.requests?["storage"] {
            errors += StorageQuantity.positive(storage, field: "\(field).resources[storage]")
        } else {
            errors.append(.required("\(field).resources[storage]"))
        }
        if let className = spec.storageClassName, !className.isEmpty {
            errors += FieldRules.invalid("\(field).storageClassName", className,
                                         Validation.nameIsDNSSubdomain(className, prefix: false))
        }
        if let mode = spec.volumeMode, !PersistentVolume.volumeModes.contains(mode) {
            errors.append(FieldRules.notSupported("\(field).volumeMode", mode, PersistentVolume.volumeModes))
        }
        return errors
    }

    /// The metadata update rules, the create rules, then: the spec may not change, except `volumeName` while it
    /// is unset, `storageClassName` from unset on an unbound claim, and `resources.requests.storage` of a bound claim (`Forbidden: spec is immutable after creation
    /// except resources.requests for bound claims`); a bound claim's storage request may not shrink;
    /// `volumeMode` may not change.
    func validateUpdate(old: PersistentVolumeClaim) -> [FieldError] {
        var errors = metadata.validateUpdate(old: old.metadata) + validateCreate()
        var newSpec = spec
        var oldSpec = old.spec
        if (oldSpec.volumeName ?? "").isEmpty { oldSpec.volumeName = newSpec.volumeName }
        // RetroactiveDefaultStorageClass: an unbound claim without a class may be given one.
        if oldSpec.storageClassName == nil, newSpec.storageClassName != nil, (old.spec.volumeName ?? "").isEmpty,
            old.metadata.annotations?[StorageFormat.betaClassAnnotation] == nil
        {
            oldSpec.storageClassName = newSpec.storageClassName
        }
        let bound = old.status.phase == Self.bound
        if bound, newSpec.resources?.requests != nil {
            newSpec.resources?.requests?["storage"] = oldSpec.resources?.requests?["storage"]
        }
        if newSpec != oldSpec {
            errors.append(.forbidden("spec", "spec is immutable after creation except resources.requests for bound claims"))
        }
        if let newSize = StorageQuantity.bytes(spec.resources?.requests?["storage"]),
            let oldSize = StorageQuantity.bytes(old.spec.resources?.requests?["storage"]), newSize < oldSize
        {
            errors.append(.forbidden("spec.resources.requests.storage", "field can not be less than previous value"))
        }
        errors += FieldRules.immutable(changed: spec.volumeMode != old.spec.volumeMode, field: "volumeMode",
                                       rendered: spec.volumeMode.map(GoQuote.quote) ?? GoRendering.null)
        return errors
    }
}
