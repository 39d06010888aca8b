extension ResourceKind {
    /// The kinds of Kubernetes' `all` category (what `kubectl get all` lists), restricted to the served kinds, in
    /// ``ResourceKind/all``'s order.
    public static var allCategory: [ResourceKind] { all.filter { !$0.categories.isEmpty } }

    /// The discovery categories of the kind: `all` for pods, services, daemon sets, deployments, replica sets,
    /// stateful sets, jobs and cron jobs, as in Kubernetes.
    public var categories: [String] {
        [ResourceKind.pod, .service, .daemonSet, .deployment, .replicaSet, .statefulSet, .job, .cronJob]
            .contains(self) ? ["all"] : []
    }
}
