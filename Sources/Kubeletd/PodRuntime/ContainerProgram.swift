import KubeAPI

/// What the emulated runtime runs for one container, decided as a container runtime resolves `command` and
/// `args` against the image, but only with programs this node can provide (``NodePrograms``). Pure.
///
/// The rules:
/// - The command is `command + args`; without `command`, the image's entrypoint decides what `args` run (an image
///   without entrypoint runs `args[0]`); with neither, the image's default command.
/// - An image in the ``ImageCatalogue`` runs its program for real when it is a busybox applet (a bare name, or a
///   path in a standard `bin` directory such as `/bin/sh`) or one of the image's catalogue programs installed on
///   this node. A program the image does not have fails to start (`StartError`), as in a container runtime. A
///   catalogue program not installed here, and an image default the catalogue does not give, are simulated.
/// - Every other image is simulated: its programs (`/usr/bin/calico-ipam`, `/bin/node_exporter`, even `cp` in an
///   image whose files we do not have) exist only in the image. The manifest's program is never looked up on the
///   node's `PATH`.
///
/// A simulated container runs until stopped; in a pod whose `restartPolicy` is `Never` or `OnFailure`, and as an
/// init container, it completes with exit code 0 after a short simulated run.
enum ContainerProgram: Sendable, Hashable {
    /// Run `executable` (a path on this node) with `argv` (`argv[0]` as the container gave it).
    case real(executable: String, argv: [String])
    /// The image has no such program: the run fails to start with `message`.
    case notFound(message: String)
    /// No process; `reason` says why (shown in an Event and the container's log).
    case simulated(reason: String)
    /// A program the runtime implements itself (``ProvidedProgram``), run with `argv` by kubeletd.
    case provided(ProvidedProgram, argv: [String])

    /// The decision for a container of `image` with `command` and `args` (already `$(VAR)`-expanded).
    static func resolve(
        image: String, command: [String], args: [String], programs: NodePrograms,
        catalogue: ImageCatalogue = .standard
    ) -> ContainerProgram {
        guard let entry = catalogue.entry(for: image) else {
            if let program = command.first {
                return .simulated(
                    reason: "image \(quoted(image)) is not in the runtime's catalogue: its program "
                        + "\(quoted(program)) is simulated")
            }
            if !args.isEmpty {
                return .simulated(
                    reason: "image \(quoted(image)) is not in the runtime's catalogue: its entrypoint is unknown, "
                        + "so it is simulated")
            }
            return .simulated(
                reason: "image \(quoted(image)) is not in the runtime's catalogue: its default process is simulated")
        }
        let argv: [String]
        if !command.isEmpty {
            argv = command + args
        } else if !args.isEmpty {
            argv = entry.entrypoint?.command(for: args) ?? args
        } else if let defaultCommand = entry.defaultCommand {
            argv = defaultCommand
        } else {
            return .simulated(reason: "no command: the default process of image \(quoted(image)) is simulated")
        }
        return program(argv, providedBy: entry, programs: programs)
    }

    /// The decision for `argv` in an image described by `entry` (`nil`: any image, as for `exec`, whose programs
    /// are the busybox applets).
    static func program(_ argv: [String], providedBy entry: ImageCatalogue.Entry?, programs: NodePrograms)
        -> ContainerProgram
    {
        guard let program = argv.first, !program.isEmpty else {
            return .notFound(message: "exec: \"\": executable file not found in $PATH")
        }
        let base = program.split(separator: "/").last.map(String.init) ?? program
        if let provided = entry?.provided.first(where: { $0.rawValue == base }) {
            return .provided(provided, argv: argv)
        }
        let name: String
        if program.contains("/") {
            let slash = program.lastIndex(of: "/")!
            let directory = program[..<slash].isEmpty ? "/" : String(program[..<slash])
            name = String(program[program.index(after: slash)...])
            guard NodePrograms.binDirectories.contains(directory) else {
                return .notFound(message: "exec: \(quoted(program)): stat \(program): no such file or directory")
            }
        } else {
            name = program
        }
        if let extra = entry?.programs, extra.contains(name) {
            guard let path = programs.installed[name] else {
                return .simulated(reason: "\(quoted(name)) is not installed on this node: simulated")
            }
            return .real(executable: path, argv: argv)
        }
        if programs.applets.contains(name), let busybox = programs.busybox {
            return .real(executable: busybox, argv: argv)
        }
        if programs.busybox == nil, entry != nil {
            return .simulated(reason: "busybox is not installed on this node: \(quoted(program)) is simulated")
        }
        return .notFound(
            message: program.contains("/")
                ? "exec: \(quoted(program)): stat \(program): no such file or directory"
                : "exec: \(quoted(program)): executable file not found in $PATH")
    }

    private static func quoted(_ text: String) -> String { "\"" + text + "\"" }
}
