/// The tar streams `kubectl cp` sends to and reads from a container's `tar`: one entry per file, directory or
/// symbolic link. Writes POSIX ustar headers (a GNU `././@LongLink` entry before a name longer than 100 bytes, as GNU
/// tar reads it); reads ustar, GNU (long names and links) and PAX (`path`, `linkpath`) archives as GNU tar writes
/// them. Pure: bytes in, bytes out.
enum TarArchive {
    enum EntryType: Sendable, Equatable {
        case file
        case directory
        case symlink
        case other
    }

    /// One entry.
    struct Entry: Sendable, Equatable {
        var name: String
        var type: EntryType
        var mode: Int = 0o644
        var contents: [UInt8] = []
        var linkName = ""
        var modificationTime: Int = 0
    }

    /// A malformed archive.
    struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        var description: String
    }

    // MARK: - Writing

    /// The archive of `entries`, ended by two zero blocks.
    static func write(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        for entry in entries {
            let nameBytes = Array(entry.name.utf8)
            if nameBytes.count > 100 {
                let long = nameBytes + [0]
                out += header(name: Array("././@LongLink".utf8), mode: 0o644, size: long.count, mtime: 0, type: "L", link: [])
                out += padded(long)
            }
            let type: Character
            switch entry.type {
            case .file, .other: type = "0"
            case .directory: type = "5"
            case .symlink: type = "2"
            }
            let size = entry.type == .file ? entry.contents.count : 0
            out += header(
                name: Array(nameBytes.prefix(100)), mode: entry.mode, size: size, mtime: entry.modificationTime,
                type: type, link: Array(entry.linkName.utf8.prefix(100)))
            if size > 0 { out += padded(entry.contents) }
        }
        return out + [UInt8](repeating: 0, count: 1024)
    }

    private static func header(name: [UInt8], mode: Int, size: Int, mtime: Int, type: Character, link: [UInt8]) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], at offset: Int) {
            for (index, byte) in bytes.enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
        }
        put(name, at: 0)
        put(octal(mode & 0o7777, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(size, width: 12), at: 124)
        put(octal(mtime, width: 12), at: 136)
        put(Array(repeating: UInt8(ascii: " "), count: 8), at: 148)
        block[156] = type.asciiValue ?? UInt8(ascii: "0")
        put(link, at: 157)
        put(Array("ustar\0".utf8), at: 257)
        put(Array("00".utf8), at: 263)
        let sum = block.reduce(0) { $0 + Int($1) }
        put(octal(sum, width: 7) + [UInt8(ascii: " ")], at: 148)
        return block
    }

    private static func padded(_ bytes: [UInt8]) -> [UInt8] {
        let remainder = bytes.count % 512
        return remainder == 0 ? bytes : bytes + [UInt8](repeating: 0, count: 512 - remainder)
    }

    // MARK: - Reading

    /// The entries of an archive (GNU long names and PAX paths applied).
    /// - Throws: ``Failure`` for a truncated or corrupt archive.
    static func read(_ bytes: [UInt8]) throws(Failure) -> [Entry] {
        var entries: [Entry] = []
        var offset = 0
        var longName: String?
        var longLink: String?
        var paxPath: String?
        var paxLink: String?
        while offset + 512 <= bytes.count {
            let block = Array(bytes[offset..<(offset + 512)])
            if block.allSatisfy({ $0 == 0 }) { break }
            let computed = block.enumerated().reduce(0) { $0 + (148..<156 ~= $1.offset ? 32 : Int($1.element)) }
            guard let checksum = number(Array(block[148..<156])), checksum == computed else {
                throw Failure(description: "archive/tar: invalid tar header")
            }
            guard let size = number(Array(block[124..<136])), size >= 0 else {
                throw Failure(description: "archive/tar: invalid tar header")
            }
            let dataStart = offset + 512
            let dataEnd = dataStart + size
            guard dataEnd <= bytes.count else { throw Failure(description: "unexpected EOF") }
            let data = Array(bytes[dataStart..<dataEnd])
            offset = dataStart + (size + 511) / 512 * 512
            let type = block[156]
            switch type {
            case UInt8(ascii: "L"):
                longName = text(data)
                continue
            case UInt8(ascii: "K"):
                longLink = text(data)
                continue
            case UInt8(ascii: "x"):
                let records = pax(data)
                paxPath = records["path"] ?? paxPath
                paxLink = records["linkpath"] ?? paxLink
                continue
            case UInt8(ascii: "g"):
                continue
            default:
                break
            }
            var name = text(Array(block[0..<100]))
            let magic = Array(block[257..<263])
            if magic == Array("ustar\0".utf8) {
                let prefix = text(Array(block[345..<500]))
                if !prefix.isEmpty { name = prefix + "/" + name }
            }
            name = paxPath ?? longName ?? name
            let link = paxLink ?? longLink ?? text(Array(block[157..<257]))
            longName = nil
            longLink = nil
            paxPath = nil
            paxLink = nil
            let entryType: EntryType
            switch type {
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"): entryType = .file
            case UInt8(ascii: "5"): entryType = .directory
            case UInt8(ascii: "2"): entryType = .symlink
            default: entryType = .other
            }
            entries.append(Entry(
                name: name, type: entryType, mode: number(Array(block[100..<108])) ?? 0o644,
                contents: entryType == .file ? data : [], linkName: link,
                modificationTime: number(Array(block[136..<148])) ?? 0))
        }
        return entries
    }

    /// A numeric field: octal digits (NUL or space ended), or base-256 when the first byte's top bit is set.
    private static func number(_ field: [UInt8]) -> Int? {
        if let first = field.first, first & 0x80 != 0 {
            return field.dropFirst().reduce(Int(first & 0x7f)) { $0 << 8 | Int($1) }
        }
        let digits = field.drop { $0 == UInt8(ascii: " ") }.prefix { $0 != 0 && $0 != UInt8(ascii: " ") }
        if digits.isEmpty { return 0 }
        return Int(String(decoding: digits, as: UTF8.self), radix: 8)
    }

    /// A NUL-terminated text field.
    private static func text(_ field: [UInt8]) -> String {
        String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// PAX records: `LEN key=value\n`.
    private static func pax(_ data: [UInt8]) -> [String: String] {
        var records: [String: String] = [:]
        var index = 0
        while index < data.count {
            guard let space = data[index...].firstIndex(of: UInt8(ascii: " ")),
                let length = Int(String(decoding: data[index..<space], as: UTF8.self)), length > 0,
                index + length <= data.count
            else { break }
            let record = data[(space + 1)..<(index + length - 1)]
            if let equals = record.firstIndex(of: UInt8(ascii: "=")) {
                records[String(decoding: record[..<equals], as: UTF8.self)] =
                    String(decoding: record[(equals + 1)...], as: UTF8.self)
            }
            index += length
        }
        return records
    }
}
