// CPU benchmark: ours (trainer + ML.NET evaluation) against the PyTorch peer on the same ImageFolder data.
//   cpu-benchmark [--configs resnet18:64,resnet18:224,resnet50:224] [--epochs 3] [--batch-size 32] [--threads 2]
//                 [--workers 2] [--train-images 800] [--val-images 200] [--repeats 1] [--sides ours,peer,peer-cl]
//                 [--data-root out/cpu-benchmark-data] [--results benchmarks/results] [--python /usr/bin/python3]
// Children: `cpu-benchmark ours <settings>` and `cpu-benchmark gemm --threads N` print one JSON object.
// Scoring (a saved model.zip: fast loader, plain ML.NET and batch-1 latency against PyTorch): `cpu-benchmark scoring`
// (see ScoringBenchmark).
// Scale check (folder size vs epoch time and RSS under a cache budget): `cpu-benchmark scale` (see ScaleRun).
using System.Text.Json.Nodes;
using MlNetResNet.Benchmarks;

var reader = new ArgumentReader(args);
switch (args.FirstOrDefault())
{
    case "ours":
        Console.WriteLine(OursRunner.Run(RunSettings.Parse(reader)).ToJsonString());
        return 0;
    case "gemm":
        Console.WriteLine(new JsonObject { ["sgemmGflops"] = GemmProbe.MeasureGflops(reader.Int("--threads", Environment.ProcessorCount)) }.ToJsonString());
        return 0;
    case "scale":
        return ScaleRun.Run(reader);
    case "scale-child":
        Console.WriteLine(ScaleRun.Child(reader).ToJsonString());
        return 0;
    case "scoring":
        return ScoringBenchmark.Run(reader, args, Orchestrator.FindRepoRoot());
    case "scoring-fit":
        Console.WriteLine(ScoringChildren.Fit(reader).ToJsonString());
        return 0;
    case "scoring-eval":
        Console.WriteLine(ScoringChildren.Evaluate(reader).ToJsonString());
        return 0;
    case "scoring-latency":
        Console.WriteLine(ScoringChildren.Latency(reader).ToJsonString());
        return 0;
    case "make-data":
        ShapeFolderMaker.Ensure(reader.Text("--data", "shapes"), reader.Int("--train-images", 800), reader.Int("--val-images", 200),
            reader.Int("--source-side", 96), reader.Int("--seed", 1));
        return 0;
    default:
        return Orchestrator.Run(reader, args);
}
