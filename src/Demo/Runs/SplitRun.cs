using System.Globalization;
using MlNetResNet.Demo.Cli;
using MlNetResNet.Demo.Output;
using MlNetResNet.Pipelines;
using Spectre.Console;

namespace MlNetResNet.Demo.Runs;

/// <summary><c>split</c>: copy a class-folder tree into train/ and val/.</summary>
internal static class SplitRun
{
    public static int Run(SplitRequest request)
    {
        var summary = ImageFolderSplitter.Split(request.Data, request.Output, request.ValidationFraction, request.Seed);
        var table = new Table { Border = Terminal.Border }.AddColumns("class", "train", "val");
        for (int i = 0; i < summary.ClassNames.Count; i++)
            table.AddRow(Markup.Escape(summary.ClassNames[i]), summary.TrainCounts[i].ToString(CultureInfo.InvariantCulture), summary.ValidationCounts[i].ToString(CultureInfo.InvariantCulture));
        table.AddRow("total", summary.TrainCounts.Sum().ToString(CultureInfo.InvariantCulture), summary.ValidationCounts.Sum().ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        ClassIndices.Write(Path.Combine(request.Output, ClassIndices.FileName), summary.ClassNames);
        Terminal.Line($"wrote {Path.Combine(request.Output, ImageFolderSplitter.TrainFolderName)}, " +
                      $"{Path.Combine(request.Output, ImageFolderSplitter.ValidationFolderName)} and {ClassIndices.FileName}");
        return 0;
    }
}
