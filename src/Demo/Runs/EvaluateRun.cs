using System.Diagnostics;
using Microsoft.ML;
using MlNetResNet.Demo.Cli;
using MlNetResNet.Demo.Output;
using MlNetResNet.Pipelines.ImageFolders;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Scoring;

namespace MlNetResNet.Demo.Runs;

/// <summary>
/// <c>evaluate</c>: a saved model on a class-folder tree (its <c>val/</c> when it has <c>train/</c> and <c>val/</c>), scored
/// by the fast loader (batched ONNX Runtime, parallel decode; the same probabilities as ML.NET's <c>Model.Load</c>).
/// </summary>
internal static class EvaluateRun
{
    public static int Run(EvaluateRequest request)
    {
        using var model = ModelZipScorer.Load(new MLContext(seed: 1), request.Model);
        string root = EvaluationRoot(request.Data);
        var dataset = ImageFolderDataset.Read(root, new ImageFolderOptions { ClassNames = model.ClassNames, AllowEmptyClasses = true });
        var unreadable = ImageFileCheck.FindUnreadable(dataset.Rows);
        foreach (var image in unreadable) Terminal.Warning($"left out refused image {image.ImagePath}: {image.Reason}");
        dataset = dataset.Without(unreadable.Select(image => image.ImagePath));
        if (dataset.Rows.Count == 0) throw new InvalidDataException($"Image folder '{root}' holds no readable images.");

        Terminal.Heading($"Evaluation of {request.Model} on {dataset.Rows.Count} images in {root}");
        var watch = Stopwatch.StartNew();
        var report = model.Evaluate(dataset, topK: 2, worstCount: 5);
        double imagesPerSecond = dataset.Rows.Count / watch.Elapsed.TotalSeconds;
        ReportView.Print(report, imagesPerSecond);
        if (request.MetricsJson is not null)
        {
            MetricsDocument.Write(request.MetricsJson, MetricsDocument.Create(report, imagesPerSecond, [], bestEpoch: null));
            Terminal.Line($"saved {request.MetricsJson}");
        }
        return 0;
    }

    private static string EvaluationRoot(string data)
    {
        string val = Path.Combine(data, ImageFolderSplitter.ValidationFolderName);
        return Directory.Exists(Path.Combine(data, ImageFolderSplitter.TrainFolderName)) && Directory.Exists(val) ? val : data;
    }
}
