namespace MlNetResNet;

/// <summary>How each class's images weigh in the training loss.</summary>
public enum ClassWeighting
{
    /// <summary>Every image counts the same, so larger classes pull harder.</summary>
    None,

    /// <summary>
    /// Each class weighs n / (k · n_c), inverse to its frequency (scikit-learn's <c>class_weight="balanced"</c>, with k the
    /// classes present in the training images): every class pulls as hard as the others in total.
    /// </summary>
    Balanced,
}
