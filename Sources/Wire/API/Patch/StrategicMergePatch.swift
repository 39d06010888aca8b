/// Strategic merge patch, as Kubernetes applies it to the built-in kinds (`kubectl patch`, the default
/// `--type`, and `kubectl apply`).
///
/// Maps merge recursively and `null` deletes a key. Lists with a merge key (containers, env, ports, volumes,
/// conditions, ownerReferences, Service ports, …) merge item by item; `finalizers` merge as a set; all other lists
/// are replaced. Directives: `$patch: replace|delete|merge` in maps, `{"$patch": "replace"}` and
/// `{"<key>": …, "$patch": "delete"}` items in keyed lists, `$deleteFromPrimitiveList/<field>`,
/// `$setElementOrder/<field>` and `$retainKeys`.
///
/// Simplifications against apimachinery: `$setElementOrder` lists are not validated against the patch list,
/// `$patch: merge` on a map is accepted, and patch values stored where the original had nothing are stripped of
/// all directives and `null`s.
public enum StrategicMergePatch {
    /// Applies `patch` to `original`, an object of `kind` (`"DaemonSet"`, `"Pod"`, `"Service"`, …).
    ///
    /// - Throws: ``PatchError`` when either is not an object, a directive is unknown, or a keyed list item lacks
    ///   its merge key.
    public static func apply(_ patch: JSONValue, to original: JSONValue, kind: String) throws -> JSONValue {
        guard case .object(let patchMembers) = patch else {
            throw PatchError(.invalidPatch, "a strategic merge patch must be a JSON object, got \(patch.jsonString())")
        }
        guard case .object(let originalMembers) = original else {
            throw PatchError(.invalidPatch, "can only patch a JSON object, got \(original.jsonString())")
        }
        let merger = StrategicMerger(kind: kind, mode: .applying)
        return .object(try merger.mergeMap(originalMembers, patchMembers, path: []))
    }

    /// The patch `kubectl apply` sends (apimachinery `CreateThreeWayMergePatch` with overwrite), or `nil` when
    /// there is nothing to change.
    ///
    /// It sets what `modified` changes or adds relative to `current`, and deletes what `original` had but
    /// `modified` dropped (`null` for fields, `$patch: delete` for keyed list items, `$deleteFromPrimitiveList`
    /// for merged primitives). Fields the server set that `original` never had are kept.
    ///
    /// - Parameters:
    ///   - original: the last applied configuration (`kubectl.kubernetes.io/last-applied-configuration`), or
    ///     `nil` when the object was not created by apply.
    ///   - modified: the new manifest, as kubectl sends it (with its own last-applied annotation already set).
    ///   - current: the live object.
    ///   - kind: the object's kind.
    public static func threeWay(
        original: JSONValue?,
        modified: JSONValue,
        current: JSONValue,
        kind: String
    )
        -> JSONValue?
    {
        let o = original?.objectValue ?? [:]
        let m = modified.objectValue ?? [:]
        let c = current.objectValue ?? [:]
        let patch: [String: JSONValue]
        do {
            patch = try threeWay(o, m, c, kind: kind, useSchema: true)
        } catch {
            // A keyed list without its merge keys: fall back to replacing lists whole, which cannot fail.
            patch = (try? threeWay(o, m, c, kind: kind, useSchema: false)) ?? [:]
        }
        // Not a ternary: JSONValue is ExpressibleByNilLiteral, so `c ? nil : value` can yield `.null`.
        if patch.isEmpty { return nil }
        return JSONValue.object(patch)
    }

    /// The patch that turns `original` into `modified` (apimachinery `CreateTwoWayMergePatch`), or `nil` when
    /// they are equal; `kctl edit` uses it.
    public static func twoWay(original: JSONValue, modified: JSONValue, kind: String) -> JSONValue? {
        let o = original.objectValue ?? [:]
        let m = modified.objectValue ?? [:]
        var differ = StrategicDiffer(kind: kind)
        var patch = (try? differ.diffMaps(o, m, path: []))
        if patch == nil {
            differ.useSchema = false
            patch = try? differ.diffMaps(o, m, path: [])
        }
        guard let patch, !patch.isEmpty else { return nil }
        return .object(patch)
    }

    private static func threeWay(
        _ original: [String: JSONValue],
        _ modified: [String: JSONValue],
        _ current: [String: JSONValue],
        kind: String,
        useSchema: Bool
    ) throws -> [String: JSONValue] {
        let delta = try StrategicDiffer(kind: kind, ignoreDeletions: true, useSchema: useSchema)
            .diffMaps(current, modified, path: [])
        let deletions = try StrategicDiffer(kind: kind, ignoreChangesAndAdditions: true, useSchema: useSchema)
            .diffMaps(original, modified, path: [])
        let merger = StrategicMerger(kind: kind, mode: .combining, useSchema: useSchema)
        return try merger.mergeMap(deletions, delta, path: [])
    }
}
