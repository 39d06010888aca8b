import KubeAPI
import Wire

/// core/v1 Event rules: metadata, and upstream `legacyValidateEvent`'s namespace agreement for events without
/// `eventTime`.
extension Event: Validatable {
    /// Metadata (DNS-1123 subdomain name); then, for a classic event (no `eventTime`), the event's namespace must
    /// be the involved object's, or `default` (or empty) for a cluster-scoped object:
    /// `involvedObject.namespace: Invalid value: "x": does not match event.namespace`.
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: true)
        if (eventTime ?? "").isEmpty {
            let involved = involvedObject.namespace ?? ""
            let own = metadata.namespace ?? ""
            let agrees = involved.isEmpty ? (own.isEmpty || own == "default") : own == involved
            if !agrees {
                errors.append(.invalid("involvedObject.namespace", GoQuote.quote(involved),
                                       "does not match event.namespace"))
            }
        }
        return errors
    }

    /// The metadata update rules, then the create rules.
    func validateUpdate(old: Event) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate()
    }
}
