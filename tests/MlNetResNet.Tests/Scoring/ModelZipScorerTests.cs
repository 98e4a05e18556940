using Microsoft.ML;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Scoring;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Scoring;

/// <summary>The fast loader against ML.NET's own <c>Model.Load</c> of the same model.zip.</summary>
public sealed class ModelZipScorerTests : IClassFixture<TinyModelZipFixture>
{
    private const double Tolerance = 1e-5;
    private readonly TinyModelZipFixture fixture;

    public ModelZipScorerTests(TinyModelZipFixture fixture) => this.fixture = fixture;

    [Theory]
    [InlineData(1)]
    [InlineData(3)] // 7 images: batches of 3, 3 and 1
    [InlineData(32)]
    public void ProbabilitiesEqualThoseOfTheModelLoadedByMlNetForEveryBatchSize(int batchSize)
    {
        var expected = MlNetProbabilities(fixture.ImagePaths);
        using var scorer = ModelZipScorer.Load(new MLContext(seed: 1), fixture.ModelPath, new ModelZipScorerOptions { BatchSize = batchSize });

        var actual = scorer.ScoreFiles(fixture.ImagePaths);

        Assert.Equal(batchSize, scorer.BatchSize);
        Assert.Equal(37, scorer.ResizeSize);
        AssertClose(expected, actual);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void OverlappedDecodingAndSleepingOnnxThreadsGiveTheProbabilitiesOfMlNet(bool overlap, bool spinning)
    {
        var expected = MlNetProbabilities(fixture.ImagePaths);
        var options = new ModelZipScorerOptions { BatchSize = 2, OverlapDecoding = overlap, IntraOpSpinning = spinning, DecodeThreads = 2 };
        using var scorer = ModelZipScorer.Load(new MLContext(seed: 1), fixture.ModelPath, options);

        AssertClose(expected, scorer.ScoreFiles(fixture.ImagePaths));
    }

    [Fact]
    public void TheDefaultsOverlapDecodingAndLetOnnxThreadsSleep()
    {
        var options = new ModelZipScorerOptions();

        Assert.True(options.OverlapDecoding);
        Assert.False(options.IntraOpSpinning);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnUndecodableFileInALaterBatchIsNamedAndTheScorerStaysUsable(bool overlap)
    {
        using var temp = new TempFolder();
        string text = temp.File("broken.jpg");
        File.WriteAllText(text, "not an image");
        // Batches of 2: the broken file is decoded (in the background when overlapping) while batch 1 is scored.
        var paths = fixture.ImagePaths.Take(3).Append(text).Concat(fixture.ImagePaths.Skip(3)).ToList();
        using var scorer = ModelZipScorer.Load(new MLContext(seed: 1), fixture.ModelPath,
            new ModelZipScorerOptions { BatchSize = 2, OverlapDecoding = overlap });

        var error = Assert.Throws<InvalidDataException>(() => scorer.ScoreFiles(paths));

        Assert.Contains(text, error.Message);
        AssertClose(MlNetProbabilities(fixture.ImagePaths), scorer.ScoreFiles(fixture.ImagePaths));
    }

    [Fact]
    public void PredictAndPreparedImagesFromFilesOrBytesGiveTheSameProbabilities()
    {
        using var scorer = ModelZipScorer.Load(new MLContext(seed: 1), fixture.ModelPath, new ModelZipScorerOptions { BatchSize = 4 });
        var fromFiles = scorer.ScoreFiles(fixture.ImagePaths);

        var prepared = fixture.ImagePaths.Select((path, i) => i % 2 == 0
            ? scorer.Prepare(path)
            : scorer.Prepare(File.ReadAllBytes(path), Path.GetFileName(path))).ToList();
        var predictions = scorer.Predict(fixture.ImagePaths);

        Assert.Equal(fromFiles, scorer.Score(prepared));
        Assert.Equal(fixture.ImagePaths.Select(Path.GetFullPath), predictions.Select(p => p.ImagePath));
        Assert.Equal(SyntheticFlowerNames, predictions[0].ClassNames);
        for (int i = 0; i < fromFiles.Length; i++)
            Assert.Equal(fromFiles[i].Select(p => (double)p), predictions[i].Probabilities);
    }

    [Fact]
    public void ConcurrentCallersGetTheSameProbabilitiesAsOneCaller()
    {
        using var scorer = ModelZipScorer.Load(new MLContext(seed: 1), fixture.ModelPath, new ModelZipScorerOptions { BatchSize = 2 });
        var alone = scorer.ScoreFiles(fixture.ImagePaths);

        var together = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8).Select(caller =>
        {
            var order = fixture.ImagePaths.Skip(caller % fixture.ImagePaths.Count).Concat(fixture.ImagePaths.Take(caller % fixture.ImagePaths.Count)).ToList();
            var scores = caller % 2 == 0 ? scorer.ScoreFiles(order) : scorer.Score(order.Select(scorer.Prepare).ToList());
            return (order, scores);
        }).ToList();

        foreach (var (order, scores) in together)
            for (int i = 0; i < order.Count; i++)
                Assert.Equal(alone[fixture.ImagePaths.ToList().IndexOf(order[i])], scores[i]);
    }

    [Fact]
    public void EvaluationEqualsTheReportOfTheModelLoadedByMlNet()
    {
        using var loaded = ImageClassifierModel.Load(new MLContext(seed: 1), fixture.ModelPath);
        var expected = ScoredDataReader.Evaluate(loaded.Score(fixture.Validation));
        using var scorer = ModelZipScorer.Load(new MLContext(seed: 1), fixture.ModelPath, new ModelZipScorerOptions { BatchSize = 3 });

        var actual = scorer.Evaluate(fixture.Validation);

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.MicroAccuracy, actual.MicroAccuracy);
        Assert.Equal(expected.LogLoss, actual.LogLoss, Tolerance);
        Assert.Equal(expected.ConfusionMatrix, actual.ConfusionMatrix);
    }

    [Fact]
    public void UndecodableAndMissingFilesAreNamedInTheError()
    {
        using var temp = new TempFolder();
        string text = temp.File("notes.jpg");
        File.WriteAllText(text, "not an image");
        string empty = temp.File("empty.png");
        File.WriteAllBytes(empty, []);
        string missing = temp.File("missing.jpg");
        using var scorer = ModelZipScorer.Load(new MLContext(seed: 1), fixture.ModelPath);

        var one = Assert.Throws<InvalidDataException>(() => scorer.ScoreFiles([fixture.ImagePaths[0], text]));
        var two = Assert.Throws<InvalidDataException>(() => scorer.ScoreFiles([text, fixture.ImagePaths[0], empty]));
        var gone = Assert.Throws<FileNotFoundException>(() => scorer.ScoreFiles([missing]));
        var bytes = Assert.Throws<InvalidDataException>(() => scorer.Prepare(new byte[] { 1, 2, 3 }, "upload-7"));

        Assert.Contains(text, one.Message);
        Assert.Contains(text, two.Message);
        Assert.Contains(empty, two.Message);
        Assert.Contains(missing, gone.Message);
        Assert.Contains("upload-7", bytes.Message);
    }

    [Fact]
    public void AFileThatIsNotAClassifierModelIsNamedInTheError()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("model.zip"), "not a zip");

        var error = Assert.Throws<InvalidDataException>(() => ModelZipScorer.Load(new MLContext(), temp.File("model.zip")));
        Assert.Throws<FileNotFoundException>(() => ModelZipScorer.Load(new MLContext(), temp.File("missing.zip")));

        Assert.Contains(temp.File("model.zip"), error.Message);
    }

    [Fact]
    public void LoadingScoringAndDisposingLeaveNoTemporaryFiles()
    {
        using var temp = new TempFolder();
        var ml = new MLContext(seed: 1) { TempFilePath = temp.Path };

        var scorer = ModelZipScorer.Load(ml, fixture.ModelPath);
        scorer.ScoreFiles(fixture.ImagePaths);
        scorer.Dispose();

        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories));
    }

    private static readonly IReadOnlyList<string> SyntheticFlowerNames = MlNetResNet.Pipelines.Synthetic.SyntheticFlowerOptions.ClassNames;

    private float[][] MlNetProbabilities(IReadOnlyList<string> paths)
    {
        using var loaded = ImageClassifierModel.Load(new MLContext(seed: 1), fixture.ModelPath);
        return loaded.Predict(paths).Select(p => p.Probabilities.Select(v => (float)v).ToArray()).ToArray();
    }

    private static void AssertClose(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            for (int c = 0; c < expected[i].Length; c++)
                Assert.True(Math.Abs(expected[i][c] - actual[i][c]) <= Tolerance,
                    $"image {i}, class {c}: ML.NET {expected[i][c]}, fast loader {actual[i][c]}");
        }
    }
}
