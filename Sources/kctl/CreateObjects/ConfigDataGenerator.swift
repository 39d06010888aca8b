import Foundation
import KubeAPI
import Wire

/// The files `create configmap|secret --from-file` reads, behind a protocol so the generator stays pure.
protocol SourceFiles {
    /// Whether `path` is a directory; nil when it does not exist.
    func isDirectory(_ path: String) -> Bool?
    /// The names of the regular files directly in `directory`, sorted.
    func regularFiles(in directory: String) -> [String]
    /// The file's bytes.
    func contents(_ path: String) throws -> Data
}

/// The ConfigMap of `kubectl create configmap NAME --from-literal=k=v --from-file=[key=]path` and the Secret of
/// `kubectl create secret generic` (kubectl's `create_configmap.go` and `create_secret.go`). Pure but for
/// ``SourceFiles``.
struct ConfigDataGenerator {
    enum Kind { case configMap, secret }

    var kind: Kind
    var name: String
    var literals: [String] = []
    var files: [String] = []
    /// A Secret's `--type` (omitted when empty).
    var type: String?
    /// `-n` when given explicitly.
    var namespace: String?

    /// The object, with `data` (and, for a ConfigMap, `binaryData` for files that are not UTF-8).
    /// - Throws: ``RolloutError`` with kubectl's messages.
    func object(reading source: some SourceFiles) throws(RolloutError) -> JSONValue {
        var entries: [(key: String, bytes: Data, literal: String?)] = []
        for literal in literals {
            let (key, value) = try Self.parseLiteralSource(literal)
            entries.append((key, Data(value.utf8), value))
        }
        for file in files {
            let (key, path) = try Self.parseFileSource(file)
            switch source.isDirectory(path) {
            case nil:
                throw RolloutError("error reading \(path): no such file or directory")
            case true?:
                if file.contains("=") { throw RolloutError("cannot give a key name for a directory path") }
                for item in source.regularFiles(in: path) {
                    entries.append((item, try read(source, (path as NSString).appendingPathComponent(item)), nil))
                }
            case false?:
                entries.append((key, try read(source, path), nil))
            }
        }
        var data: [String: JSONValue] = [:]
        var binary: [String: JSONValue] = [:]
        for entry in entries {
            try check(entry.key, data: data, binary: binary)
            switch kind {
            case .secret:
                data[entry.key] = .string(entry.bytes.base64EncodedString())
            case .configMap:
                if let text = entry.literal ?? String(data: entry.bytes, encoding: .utf8) {
                    data[entry.key] = .string(text)
                } else {
                    binary[entry.key] = .string(entry.bytes.base64EncodedString())
                }
            }
        }
        var metadata: [String: JSONValue] = ["name": .string(name), "creationTimestamp": .null]
        if let namespace { metadata["namespace"] = .string(namespace) }
        var object: [String: JSONValue] = [
            "apiVersion": "v1", "kind": .string(kind == .secret ? "Secret" : "ConfigMap"),
            "metadata": .object(metadata),
        ]
        if !data.isEmpty { object["data"] = .object(data) }
        if !binary.isEmpty { object["binaryData"] = .object(binary) }
        if let type, !type.isEmpty { object["type"] = .string(type) }
        return .object(object)
    }

    private func read(_ source: some SourceFiles, _ path: String) throws(RolloutError) -> Data {
        do {
            return try source.contents(path)
        } catch {
            throw RolloutError("error reading \(path): \(error.localizedDescription)")
        }
    }

    /// The key checks of `addKeyFromLiteralToConfigMap` / `addKeyFromLiteralToSecret`.
    private func check(_ key: String, data: [String: JSONValue], binary: [String: JSONValue]) throws(RolloutError) {
        let errors = Validation.isConfigMapKey(key)
        switch kind {
        case .configMap:
            if !errors.isEmpty {
                throw RolloutError(
                    "\(GoQuote.quote(key)) is not a valid key name for a ConfigMap: \(errors.joined(separator: ","))")
            }
            if data[key] != nil {
                throw RolloutError(
                    "cannot add key \(GoQuote.quote(key)), another key by that name already exists in Data for ConfigMap \(GoQuote.quote(name))"
                )
            }
            if binary[key] != nil {
                throw RolloutError(
                    "cannot add key \(GoQuote.quote(key)), another key by that name already exists in BinaryData for ConfigMap \(GoQuote.quote(name))"
                )
            }
        case .secret:
            if !errors.isEmpty {
                throw RolloutError(
                    "\(GoQuote.quote(key)) is not valid key name for a Secret \(errors.joined(separator: ";"))")
            }
            if data[key] != nil {
                throw RolloutError("cannot add key \(key), another key by that name already exists")
            }
        }
    }

    /// `ParseLiteralSource`: `key=value`, split at the first `=`, surrounding quotes trimmed from the value.
    static func parseLiteralSource(_ source: String) throws(RolloutError) -> (key: String, value: String) {
        guard let equals = source.firstIndex(of: "="), equals != source.startIndex else {
            throw RolloutError("invalid literal source \(source), expected key=value")
        }
        let value = source[source.index(after: equals)...]
        let quotes: Set<Character> = ["\"", "'"]
        let trimmed = value.drop { quotes.contains($0) }.reversed().drop { quotes.contains($0) }.reversed()
        return (String(source[..<equals]), String(trimmed))
    }

    /// `ParseFileSource`: `path` (the key is the file name) or `key=path`.
    static func parseFileSource(_ source: String) throws(RolloutError) -> (key: String, path: String) {
        let separators = source.filter { $0 == "=" }.count
        switch separators {
        case 0:
            return ((source as NSString).lastPathComponent, source)
        case 1 where source.hasPrefix("="):
            throw RolloutError("key name for file path \(source.dropFirst()) missing")
        case 1 where source.hasSuffix("="):
            throw RolloutError("file path for key name \(source.dropLast()) missing")
        case 1:
            let parts = source.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            return (parts[0], parts[1])
        default:
            throw RolloutError("key names or file paths cannot contain '='")
        }
    }
}

/// ``SourceFiles`` on the local file system.
struct LocalSourceFiles: SourceFiles {
    func isDirectory(_ path: String) -> Bool? {
        var directory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &directory) else { return nil }
        return directory.boolValue
    }

    func regularFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().filter { name in
            let attributes = try? FileManager.default.attributesOfItem(
                atPath: (directory as NSString).appendingPathComponent(name))
            return attributes?[.type] as? FileAttributeType == .typeRegular
        }
    }

    func contents(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
