import Foundation
import KubeAPI
import Wire

/// `kubectl rollout history -o FORMAT [--revision=N]`: instead of the table, the revision's object (or every
/// revision's, oldest first), each printed on its own as kubectl's printer prints consecutive objects: YAML
/// documents separated by `---`, one name per line, a template run per object. Pure.
enum RolloutHistoryPrinter {
    /// Standard output, and kubectl's error when a revision is missing or a template fails.
    static func render(_ entries: [RolloutHistory.Entry], revision: Int64, format: OutputFormat)
        throws(RolloutError) -> String
    {
        var objects: [JSONValue]
        if revision > 0 {
            guard let entry = entries.last(where: { $0.revision == revision }) else {
                throw RolloutError("unable to find the specified revision")
            }
            objects = [entry.object]
        } else {
            objects = entries.map(\.object)
        }
        // kubectl decodes the revisions into typed objects, and Go writes a zero creationTimestamp as null: the pod
        // template's metadata always has one.
        objects = objects.map(withTemplateTimestamp)
        // kubectl's JSON and YAML printers leave managedFields out (the others show them).
        if format == .json || format == .yaml { objects = objects.map(ManagedFieldsOmission.omitted) }
        switch format {
        case .yaml:
            return YAMLPrinter.printDocuments(objects)
        case .json:
            // kubectl prints the typed object it decoded: Go's field order.
            return objects.map { object in
                let order: GoStructOrder =
                    switch object["kind"]?.stringValue {
                    case "DaemonSet": .daemonSet
                    case "StatefulSet": .statefulSet
                    default: .replicaSet
                    }
                return GoStructJSON.print(object, order: order)
            }.joined()
        case .name:
            return NamePrinter.render(objects: objects)
        case .jsonPath(let template):
            var out = ""
            for object in objects {
                do {
                    out += try JSONPath.evaluate(template: template, on: object)
                } catch {
                    throw RolloutError("\(error)")
                }
            }
            return out
        case .jsonPathAsJSON(let template):
            var out = ""
            for object in objects {
                do {
                    out += try JSONPath.renderAsJSON(template: template, on: object)
                } catch {
                    throw RolloutError("\(error)")
                }
            }
            return out
        case .goTemplate(let template):
            var out = ""
            for object in objects {
                let rendered = template.render(object)
                out += rendered.stdout
                if let error = rendered.error { throw RolloutError(error) }
            }
            return out
        case .customColumns(let spec):
            do {
                return try CustomColumnsPrinter(spec: spec).render(objects: objects)
            } catch {
                throw RolloutError("\(error)")
            }
        case .unusable(let message):
            throw RolloutError(message)
        case .table, .wide:
            return ""
        }
    }

    /// `object` with `spec.template.metadata.creationTimestamp` (null when it has none), and the same in each of a
    /// StatefulSet's `spec.volumeClaimTemplates`, as a typed round trip writes them.
    static func withTemplateTimestamp(_ object: JSONValue) -> JSONValue {
        var object = object
        if let template = object[path: ["spec", "template"]], template.objectValue != nil {
            object[path: ["spec", "template"]] = withNullTimestamp(template)
        }
        // A StatefulSet's claim templates are typed objects with metadata too.
        if let claims = object[path: ["spec", "volumeClaimTemplates"]]?.arrayValue {
            object[path: ["spec", "volumeClaimTemplates"]] = .array(claims.map(withNullTimestamp))
        }
        return object
    }

    /// `embedded` with `metadata.creationTimestamp: null` unless it has one.
    private static func withNullTimestamp(_ embedded: JSONValue) -> JSONValue {
        guard var fields = embedded.objectValue else { return embedded }
        var metadata = fields["metadata"]?.objectValue ?? [:]
        guard metadata["creationTimestamp"] == nil else { return embedded }
        metadata["creationTimestamp"] = .null
        fields["metadata"] = .object(metadata)
        return .object(fields)
    }
}
