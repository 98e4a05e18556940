namespace MlNetResNet.Pipelines;

/// <summary>One scored image: its true class index, the class probabilities, and where it came from.</summary>
/// <param name="Label">True class index (0-based).</param>
/// <param name="Scores">Probability per class (the <c>Score</c> column).</param>
/// <param name="ImagePath">Path of the image, when the data has one.</param>
public sealed record ScoredExample(int Label, float[] Scores, string? ImagePath = null)
{
    /// <summary>Index of the highest score (the first one on ties, as ML.NET's evaluator).</summary>
    public int Predicted
    {
        get
        {
            int best = 0;
            for (int i = 1; i < Scores.Length; i++) if (Scores[i] > Scores[best]) best = i;
            return best;
        }
    }

    /// <summary>Classes scored strictly higher than the true class (0 = the true class ranks first).</summary>
    public int RankOfLabel => Scores.Count(score => score > Scores[Label]);
}
