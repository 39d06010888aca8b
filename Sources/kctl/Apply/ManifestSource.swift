import Foundation
import KubeAPI
import Wire

/// One object read from a manifest, with the file it came from (for kubectl's `error when creating "f.yaml"`).
struct ManifestObject: Sendable {
    var object: JSONValue
    var source: String
}

/// Reads `-f` arguments: files, directories (their .yaml, .yml and .json files, sorted), or `-` for stdin.
enum ManifestSource {
    static func read(_ paths: [String], recursive: Bool = false) throws -> [ManifestObject] {
        var objects: [ManifestObject] = []
        for path in paths {
            for file in try files(at: path, recursive: recursive) {
                // kubectl names standard input STDIN in its messages.
                let name = file == "-" ? "STDIN" : file
                let text: String
                if file == "-" {
                    text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                } else {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        throw ManifestError("the path \"\(file)\" does not exist")
                    }
                    text = String(decoding: data, as: UTF8.self)
                }
                let documents: [JSONValue]
                do {
                    documents = try YAMLManifest.documents(from: text)
                } catch {
                    throw ManifestError("error parsing \(name): \(error)")
                }
                for document in documents {
                    for item in expandLists(document) {
                        try check(item, file: name)
                        objects.append(ManifestObject(object: item, source: name))
                    }
                }
            }
        }
        return objects
    }

    /// `kind: List` (and `...List`) documents stand for their items, as in kubectl.
    private static func expandLists(_ document: JSONValue) -> [JSONValue] {
        if let kind = document["kind"]?.stringValue, kind.hasSuffix("List"), let items = document["items"]?.arrayValue {
            return items
        }
        return [document]
    }

    /// kubectl's client-side checks: apiVersion and kind set.
    private static func check(_ object: JSONValue, file: String) throws {
        guard object.objectValue != nil else {
            throw ManifestError("error validating \"\(file)\": error validating data: invalid object: not a map")
        }
        if object["apiVersion"]?.stringValue?.isEmpty ?? true {
            throw ManifestError(
                "error validating \"\(file)\": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false")
        }
        if object["kind"]?.stringValue?.isEmpty ?? true {
            throw ManifestError(
                "error validating \"\(file)\": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false")
        }
    }

    private static func files(at path: String, recursive: Bool) throws -> [String] {
        if path == "-" { return ["-"] }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ManifestError("the path \"\(path)\" does not exist")
        }
        guard isDirectory.boolValue else { return [path] }
        let entries = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        var result: [String] = []
        for entry in entries {
            let full = (path as NSString).appendingPathComponent(entry)
            var entryIsDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &entryIsDirectory)
            if entryIsDirectory.boolValue {
                if recursive { result += try files(at: full, recursive: true) }
            } else if [".yaml", ".yml", ".json"].contains(where: entry.hasSuffix) {
                result.append(full)
            }
        }
        return result
    }
}

/// A problem with a manifest, printed as `error: <message>`.
struct ManifestError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = "error: " + message }
}
