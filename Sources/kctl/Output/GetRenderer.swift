import Foundation
import KubeAPI
import Wire

/// Renders what `get` fetched in the chosen format, as kubectl does: objects (`-o yaml|json|name|jsonpath|...`) or
/// the server's tables (the default and `-o wide`). Pure.
struct GetRenderer {
    var format: OutputFormat
    var now: Date
    var allNamespaces: Bool
    var showLabels: Bool
    var labelColumns: [String]
    var noHeaders: Bool
    var namespace: String
    /// `--show-kind`: names in tables carry their kind even for one kind.
    var showKind = false
    /// `--show-managed-fields`: JSON and YAML keep managedFields.
    var showManagedFields = false

    /// Standard output text, an optional standard-error message (`No resources found ...`), and whether rendering
    /// failed (a bad template).
    struct Rendered: Equatable {
        var stdout: String
        var stderr: String?
        var failed = false
    }

    func render(_ results: [(ResourceKind, [JSONValue])], singleObject: Bool) -> Rendered {
        // kubectl's JSON and YAML printers leave managedFields out (the others show them).
        let omitsManagedFields = (format == .json || format == .yaml) && !showManagedFields
        let objects = results.flatMap { kind, items in
            items.map { omitsManagedFields ? ManagedFieldsOmission.omitted(withKind($0, kind)) : withKind($0, kind) }
        }
        let document: JSONValue =
            singleObject && objects.count == 1
            ? objects[0]
            : ["apiVersion": "v1", "kind": "List", "items": .array(objects), "metadata": ["resourceVersion": ""]]
        switch format {
        case .yaml:
            return Rendered(stdout: YAMLPrinter.print(document))
        case .json:
            return Rendered(stdout: JSONPrinter.print(document))
        case .name:
            return Rendered(stdout: NamePrinter.render(objects: objects))
        case .jsonPath(let template):
            do {
                return Rendered(stdout: try JSONPath.evaluate(template: template, on: document))
            } catch {
                return Rendered(stdout: "", stderr: "error: \(error)", failed: true)
            }
        case .jsonPathAsJSON(let template):
            do {
                return Rendered(stdout: try JSONPath.renderAsJSON(template: template, on: document))
            } catch {
                return Rendered(stdout: "", stderr: "error: \(error)", failed: true)
            }
        case .goTemplate(let template):
            let rendered = template.render(document)
            return Rendered(stdout: rendered.stdout, stderr: rendered.error, failed: rendered.error != nil)
        case .unusable(let message):
            return Rendered(stdout: "", stderr: "error: \(message)", failed: true)
        case .customColumns(let spec):
            do {
                let printer = try CustomColumnsPrinter(spec: spec)
                return Rendered(stdout: try printer.render(objects: objects, noHeaders: noHeaders))
            } catch {
                return Rendered(stdout: "", stderr: "error: \(error)", failed: true)
            }
        case .table, .wide:
            return renderTables(results)
        }
    }

    /// Renders the tables the server answered, one per kind asked for, as kubectl prints them: each table with
    /// rows after the previous one, a blank line between them, and `No resources found ...` on standard error
    /// when none has rows.
    func renderTables(_ tables: [(ResourceKind, KubeAPI.Table)]) -> Rendered {
        let options = ResourcePrinter.Options(
            wide: format == .wide, showNamespace: allNamespaces, showLabels: showLabels, labelColumns: labelColumns,
            showKindPrefix: tables.count > 1 || showKind)
        let texts = tables.filter { !$0.1.rows.isEmpty }.map { kind, table in
            ResourcePrinter.render(table, kind: kind.kind, options: options, noHeaders: noHeaders)
        }
        guard texts.isEmpty else { return Rendered(stdout: texts.joined(separator: "\n")) }
        let clusterScoped = tables.allSatisfy { !$0.0.namespaced }
        let message =
            allNamespaces || clusterScoped ? "No resources found" : "No resources found in \(namespace) namespace."
        return Rendered(stdout: "", stderr: message)
    }

    /// Tables built here from objects (`expose` and other callers that hold objects, not tables).
    private func renderTables(_ results: [(ResourceKind, [JSONValue])]) -> Rendered {
        renderTables(
            results.map { kind, items in (kind, TableConvertor.table(kind: kind.kind, objects: items, now: now)) })
    }

    /// Items of typed lists may lack apiVersion/kind; kubectl shows them.
    private func withKind(_ object: JSONValue, _ kind: ResourceKind) -> JSONValue {
        var object = object
        if object["kind"] == nil { object["kind"] = .string(kind.kind) }
        if object["apiVersion"] == nil { object["apiVersion"] = .string(kind.apiVersion) }
        return object
    }
}
