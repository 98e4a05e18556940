using Microsoft.ML;
using Microsoft.ML.Transforms.Onnx;
using MlNetResNet.Pipelines;
using MlNetResNet.Scoring;

namespace MlNetResNet.Tests.Scoring;

/// <summary>
/// The app-level ONNX Runtime options docs/BENCHMARKS.md recommends for a PredictionEngine on a busy machine: model.zip
/// carries none, but ML.NET creates the loaded model's session with the ones set on the MLContext before Model.Load.
/// </summary>
public sealed class AppSessionOptionsTests : IClassFixture<TinyModelZipFixture>
{
    private readonly TinyModelZipFixture fixture;

    public AppSessionOptionsTests(TinyModelZipFixture fixture) => this.fixture = fixture;

    [Fact]
    public void UseForLoadedModelsSetsTheContextsSessionOptions()
    {
        var ml = new MLContext(seed: 1);

        SleepingOnnxThreads.UseForLoadedModels(ml);

        Assert.Equal(new OnnxSessionOptions.CreateOnnxSessionOptions(SleepingOnnxThreads.CreateSessionOptions),
            ml.GetOnnxSessionOption().CreateSessionOptions);
    }

    [Fact]
    public void ALoadedModelUsesTheContextsSessionOptionsAndScoresAsWithTheDefaults()
    {
        using var plain = ImageClassifierModel.Load(new MLContext(seed: 1), fixture.ModelPath);
        var expected = plain.Predict(fixture.ImagePaths);
        var ml = new MLContext(seed: 1);
        int created = 0;
        // SleepingOnnxThreads.UseForLoadedModels, counting how often ML.NET asks for the options.
        ml.SetOnnxSessionOption(new OnnxSessionOptions
        {
            CreateSessionOptions = () =>
            {
                Interlocked.Increment(ref created);
                return SleepingOnnxThreads.CreateSessionOptions();
            },
        });

        using var sleeping = ImageClassifierModel.Load(ml, fixture.ModelPath);
        var actual = sleeping.Predict(fixture.ImagePaths);

        Assert.True(created > 0, "ML.NET did not ask the context for session options.");
        for (int i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i].Probabilities, actual[i].Probabilities);
    }
}
