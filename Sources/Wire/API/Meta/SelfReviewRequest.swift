/// The self-reviews of the frame protocol (PROTOCOL.md, section 6, *create SelfSubjectAccessReview*): `create` of
/// these kinds asks what the caller may do or who it is, as Kubernetes' `authorization.k8s.io/v1` and
/// `authentication.k8s.io/v1` reviews do (`kubectl auth can-i`, `kubectl auth whoami`). Nothing is stored.
public enum SelfReviewRequest {
    /// `SelfSubjectAccessReview`: `object.spec.resourceAttributes` (or `nonResourceAttributes`) asks about one
    /// action; the answer's `status.allowed` says whether the caller may do it.
    public static let accessReviewKind = "SelfSubjectAccessReview"
    /// `SelfSubjectReview`: the answer's `status.userInfo` is the caller as authenticated.
    public static let whoamiKind = "SelfSubjectReview"
    /// `SelfSubjectRulesReview`: `object.spec.namespace` names a namespace; the answer's `status` lists the rules
    /// the caller has there (`kubectl auth can-i --list`).
    public static let rulesReviewKind = "SelfSubjectRulesReview"
}
