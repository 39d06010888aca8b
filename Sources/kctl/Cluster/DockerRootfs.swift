import Foundation

/// The recipe of the node image: what its root filesystem holds and the Dockerfile that turns it into an image
/// without pulling anything (`FROM scratch`). Pure; ``DockerImageBuilder`` carries it out.
///
/// The build context has two trees, so the large, rarely changing one is a cached layer of its own:
/// `base/` (shared libraries at their host paths, the dynamic loader, busybox with its applet links, `/etc` files,
/// `/tmp`) and `bin/` (`controlplane`, `kubeletd`, `kctl`, installed in `/usr/local/bin`).
enum DockerRootfs {
    /// Bumped whenever the recipe changes, so images built by an older recipe are not reused.
    static let recipeVersion = "1"
    /// The repository of node images; the tag is the content hash of the binaries and the recipe.
    static let repository = "kcluster-node"
    /// Label carrying the full content hash.
    static let hashLabel = "io.kcluster.binaries"
    /// The binaries the image holds, in `/usr/local/bin`.
    static let binaries = ["controlplane", "kubeletd", "kctl"]

    /// The image tag for a content hash (hex): `kcluster-node:<first 20 hex digits>`.
    static func tag(hash: String) -> String { "\(repository):\(hash.prefix(20))" }

    /// Whether `reference` (`repository:tag`) is a content tag ``tag(hash:)`` made.
    static func isContentTag(_ reference: String) -> Bool {
        guard reference.hasPrefix("\(repository):") else { return false }
        let tag = reference.dropFirst(repository.count + 1)
        return tag.count == 20 && tag.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// What is hashed into the tag: the recipe version and each binary's digest (`sha256sum` lines).
    static func hashInput(digests: [String]) -> String {
        (["kcluster-node recipe \(recipeVersion)"] + digests).joined(separator: "\n") + "\n"
    }

    /// The first field of `sha256sum` output (a 64-digit hex digest), or `nil`.
    static func digest(fromSHA256SumOutput text: String) -> String? {
        guard let field = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).first, field.count == 64,
            field.allSatisfy(\.isHexDigit)
        else { return nil }
        return String(field)
    }

    /// The files `ldd` says a binary loads: resolved library paths and the dynamic loader (`linux-vdso` has no
    /// file). A statically linked binary needs none.
    ///
    /// - Throws: ``ClusterError/processFailed(_:)`` naming a library `ldd` cannot find.
    static func libraries(fromLDDOutput text: String, binary: String) throws(ClusterError) -> [String] {
        var paths: [String] = []
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.contains("not a dynamic executable") || line.contains("statically linked") { return [] }
            if let arrow = line.range(of: " => ") {
                let target = line[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
                if target.hasPrefix("not found") {
                    throw .processFailed(
                        "\(binary) needs \(line[..<arrow.lowerBound]), which this machine does not have (ldd: not found)")
                }
                if let path = target.split(separator: " ").first, path.hasPrefix("/") { paths.append(String(path)) }
            } else if line.hasPrefix("/"), let path = line.split(separator: " ").first {
                paths.append(String(path))  // the dynamic loader, `/lib64/ld-linux-x86-64.so.2 (0x...)`
            }
        }
        return paths
    }

    /// Busybox applet names from `busybox --list`, without `busybox` itself or anything that is not a plain name.
    static func applets(fromList text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty && $0 != "busybox" && !$0.contains("/") && $0 != "." && $0 != ".."
        }
    }

    /// Small text files of `base/`, by path inside the image.
    static let textFiles: [(path: String, contents: String)] = [
        ("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n"),
        ("etc/group", "root:x:0:\nnogroup:x:65534:\n"),
        ("etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n"),
    ]

    /// Directories of `base/` with their modes: world-writable ones for the containers' users, which are the
    /// host user's ids.
    static let directories: [(path: String, mode: Int)] = [
        ("tmp", 0o1777), ("root", 0o700), ("var/lib/kcluster", 0o1777), ("var/log/kcluster", 0o1777),
        ("usr/local/bin", 0o755), ("bin", 0o755), ("etc", 0o755),
    ]

    /// The Dockerfile of the build context.
    static let dockerfile = """
        # The kcluster node image: built by kctl from a root filesystem it assembles (no base image is pulled).
        FROM scratch
        COPY base/ /
        COPY bin/ /usr/local/bin/
        ENV PATH=/usr/local/bin:/bin HOME=/tmp
        WORKDIR /tmp
        CMD ["/bin/sh"]

        """

    /// `.dockerignore` of the build context: nothing but the two trees is sent.
    static let dockerignore = "*\n!base\n!bin\n"
}
