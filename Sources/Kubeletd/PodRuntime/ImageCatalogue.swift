import KubeAPI

/// The images whose file system the emulated runtime knows, so it can run their programs for real; every other
/// image's programs are simulated (``ContainerProgram``).
///
/// An entry says which programs the image has (beyond the busybox applets, which stand in for the shell and
/// utilities of every catalogue image), what its entrypoint does with a container's `args`, and what it runs
/// without `command` and `args`. Pure data.
///
/// | image (Docker Hub official)  | programs                                   | entrypoint                    | default    |
/// |------------------------------|--------------------------------------------|-------------------------------|------------|
/// | `busybox`, `alpine`          | busybox applets                            | none (`args[0]` runs)         | simulated  |
/// | `debian`, `ubuntu`           | busybox applets (standing in for coreutils)| none                          | simulated  |
/// | `redis`                      | applets, `redis-server`, `redis-cli`       | `docker-entrypoint.sh`        | `redis-server` |
/// | `registry.k8s.io/ingress-nginx/kube-webhook-certgen` | `kube-webhook-certgen` (provided by kubeletd) | `/kube-webhook-certgen` | simulated |
struct ImageCatalogue: Sendable, Hashable {
    /// One known image.
    struct Entry: Sendable, Hashable {
        /// Repositories as Docker qualifies them (`docker.io/library/redis`).
        var repositories: [String]
        /// Programs the image has besides the busybox applets, by name (found in the standard `bin` directories).
        var programs: [String]
        /// Whether the image has an entrypoint that decides what `args` run (`nil`: `args[0]` is the program).
        var entrypoint: Entrypoint?
        /// What runs without `command` and `args`; `nil`: the image's default process is simulated.
        var defaultCommand: [String]?
        /// Programs the runtime implements itself (``ProvidedProgram``), found by name as `programs` are.
        var provided: [ProvidedProgram] = []
    }

    /// An image entrypoint, as a pure function of the container's `args`.
    enum Entrypoint: Sendable, Hashable {
        /// The official redis image's `docker-entrypoint.sh`: arguments that start with `-` or end in `.conf` are
        /// given to `redis-server`; anything else runs as it is.
        case redis
        /// An entrypoint that is one program: `args` are its arguments.
        case program(String)

        /// The command the entrypoint ends up running for `args` (not empty).
        func command(for args: [String]) -> [String] {
            switch self {
            case .redis:
                let first = args[0]
                return first.hasPrefix("-") || first.hasSuffix(".conf") ? ["redis-server"] + args : args
            case .program(let program):
                return [program] + args
            }
        }
    }

    var entries: [Entry]

    /// The documented catalogue.
    static let standard = ImageCatalogue(entries: [
        Entry(repositories: ["docker.io/library/busybox", "docker.io/library/alpine"], programs: []),
        Entry(repositories: ["docker.io/library/debian", "docker.io/library/ubuntu"], programs: []),
        Entry(
            repositories: ["docker.io/library/redis"], programs: ["redis-server", "redis-cli"], entrypoint: .redis,
            defaultCommand: ["redis-server"]),
        Entry(
            repositories: ["registry.k8s.io/ingress-nginx/kube-webhook-certgen"], programs: [],
            entrypoint: .program("/kube-webhook-certgen"), provided: [.kubeWebhookCertgen]),
    ])

    /// The entry for `image` (any tag or digest), if the catalogue knows it.
    func entry(for image: String) -> Entry? {
        guard let reference = ImageReference(image) else { return nil }
        let repository = ImagePullRule.qualifiedRepository(reference.repository)
        return entries.first { $0.repositories.contains(repository) }
    }
}
