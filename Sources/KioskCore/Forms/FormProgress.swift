extension FormState {
    /// How complete the answers are: the visible required answers that are
    /// filled, of all the visible required ones (what `kiosk drafts` shows).
    public var requiredProgress: (answered: Int, required: Int) {
        let required = allPaths.filter { isVisible($0) && isRequired($0) }
        return (required.filter { !value($0).isEmpty }.count, required.count)
    }
}
