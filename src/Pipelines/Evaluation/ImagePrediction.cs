namespace MlNetResNet.Pipelines;

/// <summary>The classifier's answer for one image: a probability for every class.</summary>
/// <param name="ImagePath">The image.</param>
/// <param name="ClassNames">Class names, in score order.</param>
/// <param name="Probabilities">Probability per class (sums to 1).</param>
public sealed record ImagePrediction(string ImagePath, IReadOnlyList<string> ClassNames, IReadOnlyList<double> Probabilities)
{
    /// <summary>Index of the most likely class (the first on ties).</summary>
    public int Predicted => Probabilities.Select((p, i) => (p, i)).Aggregate((best, next) => next.p > best.p ? next : best).i;

    /// <summary>Name of the most likely class.</summary>
    public string PredictedClass => ClassNames[Predicted];

    /// <summary>Its probability.</summary>
    public double PredictedProbability => Probabilities[Predicted];

    /// <summary>Classes from most to least likely.</summary>
    public IEnumerable<(string ClassName, double Probability)> Ranked() =>
        ClassNames.Select((name, i) => (name, Probabilities[i])).OrderByDescending(p => p.Item2);
}
