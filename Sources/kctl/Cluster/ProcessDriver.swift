import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts daemons detached from kctl (their own session, stdin from /dev/null, stdout and stderr appended to a log
/// file) with `posix_spawn`, and signals and waits for them by pid.
enum ProcessDriver {
    /// `POSIX_SPAWN_SETSID`: Glibc's module does not export this GNU extension, so its value is spelled out.
    #if os(Linux)
        private static let spawnSetSID: Int32 = 0x80
    #else
        private static let spawnSetSID: Int32 = 0x400
    #endif

    /// Launches `executable` and returns its pid without waiting for it. The process outlives kctl.
    static func launch(
        _ executable: URL, _ arguments: [String], log: URL, workingDirectory: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ClusterError) -> Int32 {
        do {
            try FileManager.default.createDirectory(
                at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .processFailed("cannot create \(log.deletingLastPathComponent().path): \(error)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        for descriptor in inheritableDescriptors() { posix_spawn_file_actions_addclose(&actions, descriptor) }
        if let workingDirectory { addChangeDirectory(&actions, workingDirectory.path) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | spawnSetSID))

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw .processFailed("cannot start \(executable.path): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Sends `signal`; false when the process is gone.
    @discardableResult
    static func send(_ signal: Int32, to pid: Int32) -> Bool {
        pid > 0 && kill(pid, signal) == 0
    }

    /// Waits until `pid` has exited; false if it still runs after `timeout`.
    static func waitForExit(_ pid: Int32, within timeout: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while ProcessTable.isAlive(pid) {
            guard clock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    /// SIGTERM (with SIGCONT, so frozen processes see it), then SIGKILL for those still running after `grace`.
    static func terminate(_ pids: [Int32], grace: Duration) async {
        for pid in pids {
            send(SIGTERM, to: pid)
            send(SIGCONT, to: pid)
        }
        for pid in pids where !(await waitForExit(pid, within: grace)) {
            send(SIGKILL, to: pid)
            _ = await waitForExit(pid, within: .seconds(2))
        }
    }

    /// Size of `file` in bytes (0 when absent): where a fresh launch's output starts in an appended log.
    static func logOffset(_ file: URL) -> UInt64 {
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size]) as? NSNumber
        return size?.uint64Value ?? 0
    }

    /// The text of `file` after `offset`.
    static func logText(_ file: URL, from offset: UInt64) -> String {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return "" }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd() else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The last `lines` lines of `file` after `offset`, for error messages.
    static func logTail(_ file: URL, from offset: UInt64 = 0, lines: Int = 8) -> String {
        logText(file, from: offset).split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    // MARK: - Internals

    /// Open descriptors above stderr that a spawned process would inherit (not close-on-exec).
    private static func inheritableDescriptors() -> [Int32] {
        #if os(Linux)
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            return entries.compactMap { Int32($0) }.filter { descriptor in
                guard descriptor > 2 else { return false }
                let flags = fcntl(descriptor, F_GETFD)
                return flags >= 0 && flags & FD_CLOEXEC == 0
            }
        #else
            return []
        #endif
    }

    /// `posix_spawn_file_actions_addchdir_np` when the C library has it (glibc 2.29+, macOS 10.15+); Glibc's
    /// module does not export it, so it is looked up at run time. Without it the daemon keeps kctl's directory.
    private static func addChangeDirectory(_ actions: inout posix_spawn_file_actions_t, _ path: String) {
        typealias AddChdir =
            @convention(c) (
                UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
            ) -> Int32
        #if os(Linux)
            let defaultHandle: UnsafeMutableRawPointer? = nil  // RTLD_DEFAULT
        #else
            let defaultHandle = UnsafeMutableRawPointer(bitPattern: -2)  // RTLD_DEFAULT
        #endif
        guard let symbol = dlsym(defaultHandle, "posix_spawn_file_actions_addchdir_np") else { return }
        let function = unsafeBitCast(symbol, to: AddChdir.self)
        _ = function(&actions, path)
    }
}
