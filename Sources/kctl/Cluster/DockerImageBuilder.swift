import Foundation

/// Builds the node image from the binaries next to kctl, once per content: the tag is a hash of the binaries (and
/// the recipe), so a second cluster with the same build reuses the image at once. Follows ``DockerRootfs``.
struct DockerImageBuilder: Sendable {
    let docker: DockerCLI
    let binaries: BinaryLocator

    /// Returns the tag of the image for the current binaries, building it first when the engine does not have it;
    /// also tags it with `extraTags`. `note` is told when a build starts (it takes seconds).
    func ensureImage(extraTags: [String] = [], note: @Sendable (String) -> Void = { _ in }) async throws -> String {
        let files = try DockerRootfs.binaries.map { name throws(ClusterError) in (name, try binaries.locate(name)) }
        let hash = try await contentHash(files.map(\.1))
        let tag = DockerRootfs.tag(hash: hash)
        let present = await docker.run(["image", "inspect", "--format", "{{.Id}}", tag]).status == 0
        if !present {
            note("Building image \(tag) from \(files[0].1.deletingLastPathComponent().path)")
            do {
                try await build(tag: tag, hash: hash, files: files)
            } catch let error as ClusterError {
                throw error
            } catch {
                throw ClusterError.processFailed("cannot assemble the image \(tag): \(error.localizedDescription)")
            }
            await pruneOlderImages(keeping: tag)
        }
        for extra in extraTags { try await docker.check(["tag", tag, extra]) }
        return tag
    }

    // MARK: - Internals

    /// SHA-256 over the recipe version and each binary's SHA-256 (hashed in parallel), as hex.
    private func contentHash(_ files: [URL]) async throws(ClusterError) -> String {
        guard let sha256sum = DockerHostCommand.find("sha256sum") else {
            throw .runtimeUnavailable("the docker runtime needs sha256sum (coreutils) to tag its image")
        }
        let results = await withTaskGroup(of: (Int, DockerResult).self) { group in
            for (index, file) in files.enumerated() {
                group.addTask { (index, await DockerHostCommand.run(sha256sum, [file.path])) }
            }
            var results: [Int: DockerResult] = [:]
            for await (index, result) in group { results[index] = result }
            return results
        }
        var digests: [String] = []
        for index in files.indices {
            guard let result = results[index], result.status == 0,
                let digest = DockerRootfs.digest(fromSHA256SumOutput: result.stdout)
            else {
                throw .processFailed("cannot hash \(files[index].path): \(results[index]?.errorLine ?? "no result")")
            }
            digests.append(digest)
        }
        let combined = await DockerHostCommand.run(sha256sum, ["-"], input: DockerRootfs.hashInput(digests: digests))
        guard let digest = DockerRootfs.digest(fromSHA256SumOutput: combined.stdout) else {
            throw .processFailed("cannot hash the binaries: \(combined.errorLine)")
        }
        return digest
    }

    /// Assembles the build context in a temporary directory and runs `docker build` on it.
    private func build(tag: String, hash: String, files: [(String, URL)]) async throws {
        let context = FileManager.default.temporaryDirectory
            .appendingPathComponent("kcluster-image-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: context) }
        let base = context.appendingPathComponent("base", isDirectory: true)
        let bin = context.appendingPathComponent("bin", isDirectory: true)
        for (path, mode) in DockerRootfs.directories {
            let directory = base.appendingPathComponent(path, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: directory.path)
        }
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        for (path, contents) in DockerRootfs.textFiles {
            try contents.write(to: base.appendingPathComponent(path), atomically: false, encoding: .utf8)
        }
        try DockerRootfs.dockerfile.write(
            to: context.appendingPathComponent("Dockerfile"), atomically: false, encoding: .utf8)
        try DockerRootfs.dockerignore.write(
            to: context.appendingPathComponent(".dockerignore"), atomically: false, encoding: .utf8)

        let busybox = try await installBusybox(into: base)
        for library in try await libraries(of: files.map(\.1) + [busybox]) {
            try Self.place(URL(fileURLWithPath: library), at: base.appendingPathComponent(String(library.dropFirst())))
        }
        try await installBinaries(files, into: bin)

        var environment: [String: String] = [:]
        if await docker.run(["buildx", "version"]).status != 0 { environment["DOCKER_BUILDKIT"] = "0" }
        let result = await docker.run(
            ["build", "--quiet", "--tag", tag, "--label", "\(DockerRootfs.hashLabel)=\(hash)", context.path],
            environment: environment)
        guard result.status == 0 else {
            throw ClusterError.processFailed("docker build of \(tag) failed: \(result.errorLine)")
        }
    }

    /// The host's busybox (Debian's busybox-static installs `/bin/busybox`), if any.
    static func findBusybox() -> URL? {
        ["/bin/busybox", "/usr/bin/busybox"].map(URL.init(fileURLWithPath:)).first {
            FileManager.default.isExecutableFile(atPath: $0.path)
        } ?? DockerHostCommand.find("busybox")
    }

    /// Copies busybox (static, Debian's busybox-static) to `/bin` with a link per applet; returns its host path.
    private func installBusybox(into base: URL) async throws -> URL {
        guard let busybox = Self.findBusybox() else {
            throw ClusterError.runtimeUnavailable(
                "the docker runtime's image needs busybox for its shell: apt-get install busybox-static")
        }
        let bin = base.appendingPathComponent("bin", isDirectory: true)
        try Self.place(busybox, at: bin.appendingPathComponent("busybox"))
        let list = await DockerHostCommand.run(busybox, ["--list"])
        for applet in DockerRootfs.applets(fromList: list.stdout) {
            try FileManager.default.createSymbolicLink(
                atPath: bin.appendingPathComponent(applet).path, withDestinationPath: "busybox")
        }
        return busybox
    }

    /// The union of the libraries (and loader) the files load, by `ldd`, each in parallel.
    private func libraries(of files: [URL]) async throws -> [String] {
        guard let ldd = DockerHostCommand.find("ldd") else {
            throw ClusterError.runtimeUnavailable("the docker runtime needs ldd (libc-bin) to collect libraries")
        }
        let outputs = await withTaskGroup(of: (URL, DockerResult).self) { group in
            for file in files { group.addTask { (file, await DockerHostCommand.run(ldd, [file.path])) } }
            var outputs: [(URL, DockerResult)] = []
            for await output in group { outputs.append(output) }
            return outputs
        }
        var libraries = Set<String>()
        for (file, result) in outputs {
            libraries.formUnion(
                try DockerRootfs.libraries(fromLDDOutput: result.stdout + result.stderr, binary: file.lastPathComponent))
        }
        return libraries.sorted()
    }

    /// The binaries into `bin/`: stripped of debug information when `strip` is there (the image is then a fraction
    /// of the size of a debug build), else as they are.
    private func installBinaries(_ files: [(String, URL)], into bin: URL) async throws {
        let strip = DockerHostCommand.find("strip")
        let failures = await withTaskGroup(of: String?.self) { group in
            for (name, source) in files {
                let destination = bin.appendingPathComponent(name)
                group.addTask {
                    if let strip {
                        let result = await DockerHostCommand.run(strip, ["-o", destination.path, source.path])
                        if result.status == 0 { return nil }
                        try? FileManager.default.removeItem(at: destination)
                    }
                    do {
                        try Self.place(source, at: destination)
                        return nil
                    } catch {
                        return "cannot copy \(source.path): \(error)"
                    }
                }
            }
            var failures: [String] = []
            for await failure in group { if let failure { failures.append(failure) } }
            return failures
        }
        if let failure = failures.first { throw ClusterError.processFailed(failure) }
    }

    /// Puts the file `source` (symlinks resolved) at `destination`: a hard link when on the same file system,
    /// else a copy.
    private static func place(_ source: URL, at destination: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        if manager.fileExists(atPath: destination.path) { return }
        let resolved = source.resolvingSymlinksInPath()
        do {
            try manager.linkItem(at: resolved, to: destination)
        } catch {
            try manager.copyItem(at: resolved, to: destination)
        }
    }

    /// Removes images of earlier builds (content tags only: `latest` and tags given with `--tag` stay) that no
    /// container uses (removal of one in use fails and is ignored), so rebuilding does not fill the disk.
    private func pruneOlderImages(keeping tag: String) async {
        let listed = await docker.run(["images", DockerRootfs.repository, "--format", "{{.Repository}}:{{.Tag}}"])
        let stale = listed.stdout.split(separator: "\n").map(String.init).filter {
            $0 != tag && DockerRootfs.isContentTag($0)
        }
        if !stale.isEmpty { _ = await docker.run(["rmi"] + stale) }
    }
}
