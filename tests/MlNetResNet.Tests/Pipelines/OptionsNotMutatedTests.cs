using System.Reflection;
using Microsoft.ML;
using DemoTraining = MlNetResNet.Demo.Runs.Training;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Synthetic;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Pipelines;

/// <summary>
/// The library trains with copies of the caller's <see cref="ResNetClassifierOptions"/>: column names, validation set,
/// callbacks, token and checkpoint folder set by the pipeline or the demo never show up on the object the caller holds.
/// </summary>
public class OptionsNotMutatedTests
{
    // Names the pipeline replaces with its own: if it wrote them back, the snapshot comparison would see it.
    private static ResNetClassifierOptions CallersOptions() => new()
    {
        Architecture = ResNetArchitecture.ResNet18, Epochs = 1, ImageSize = 32, BatchSize = 8, Seed = 3, NumberOfThreads = 2,
        LabelColumnName = "CallersLabel", ImageColumnName = "CallersImage",
    };

    [Fact]
    public void CopyIsADistinctObjectWithTheSameValues()
    {
        var options = CallersOptions();
        var copy = options.Copy();
        Assert.NotSame(options, copy);
        Assert.Equal(Snapshot(options), Snapshot(copy));
        copy.LabelColumnName = "Other";
        Assert.Equal("CallersLabel", options.LabelColumnName);
    }

    [Fact]
    public void ThePipelineAndTheDemoTrainingLeaveTheCallersOptionsAsGiven()
    {
        using var temp = new TempFolder();
        string data = temp.File("flower_data");
        SyntheticFlowerGenerator.Generate(data, new SyntheticFlowerOptions { TrainPerClass = 4, ValidationPerClass = 2, ImageSize = 40 });
        var folders = TrainingFolders.Resolve(data);

        var options = CallersOptions();
        var before = Snapshot(options);
        // With a validation folder the pipeline builds its own ValidationSet: the old code stored it on these options.
        ImageClassificationPipeline.Train(new MLContext(seed: 1), folders.Train, folders.Validation, options);
        AssertUnchanged(before, options);
        Assert.Null(options.ValidationSet);

        // The demo's train command and story add a token, a checkpoint folder and progress callbacks.
        using var cancellation = new CancellationTokenSource();
        DemoTraining.Run(folders, options, temp.File("model.zip"), cancellation.Token);
        AssertUnchanged(before, options);
        Assert.Null(options.CheckpointDirectory);
        Assert.Null(options.BatchCallback);
        Assert.Null(options.MetricsCallback);
        Assert.False(options.CancellationToken.CanBeCanceled);
    }

    private static void AssertUnchanged(IReadOnlyDictionary<string, object?> before, ResNetClassifierOptions options)
    {
        var after = Snapshot(options);
        var changed = before.Keys.Where(name => !Equals(before[name], after[name])).ToList();
        Assert.True(changed.Count == 0, $"options changed: {string.Join(", ", changed)}");
    }

    /// <summary>Every public property's value (reference identity for views and delegates, value equality for the rest).</summary>
    private static Dictionary<string, object?> Snapshot(ResNetClassifierOptions options) =>
        typeof(ResNetClassifierOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(property => property.Name, property => property.GetValue(options));
}
