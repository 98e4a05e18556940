namespace MlNetResNet.Serving.Scoring;

/// <summary>The answer for one request: the version that scored it and each image's probabilities.</summary>
public sealed record Classification(string ModelName, string ModelVersion, IReadOnlyList<string> ClassNames, float[][] Probabilities)
{
    public int Images => Probabilities.Length;

    public int ClassCount => ClassNames.Count;

    /// <summary>Probabilities of image <paramref name="image"/>.</summary>
    public ReadOnlySpan<float> Row(int image) => Probabilities[image];

    /// <summary>Index of the most likely class of an image (the first on ties, as ML.NET's arg-max).</summary>
    public int Predicted(int image)
    {
        var row = Row(image);
        int best = 0;
        for (int i = 1; i < row.Length; i++) if (row[i] > row[best]) best = i;
        return best;
    }

    /// <summary>The <paramref name="k"/> most likely classes of an image, most likely first.</summary>
    public IEnumerable<int> Top(int image, int k)
    {
        var row = Row(image).ToArray();
        return Enumerable.Range(0, row.Length).OrderByDescending(i => row[i]).ThenBy(i => i).Take(k);
    }
}
