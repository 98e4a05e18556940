using MlNetResNet.Demo.Cli;

namespace MlNetResNet.Demo.Runs;

/// <summary>
/// Runs a request and turns failures into one clear line on stderr and a non-zero exit code (the stack trace too with
/// <c>--verbose</c>). This is the program's outermost boundary, the one place that catches every exception.
/// </summary>
internal static class DemoRunner
{
    public const int Failed = 1;
    public const int Cancelled = 130;

    public static int Run(DemoRequest request, CancellationToken cancellation)
    {
        try
        {
            return request switch
            {
                TrainRequest train => TrainRun.Run(train, cancellation),
                EvaluateRequest evaluate => EvaluateRun.Run(evaluate),
                PredictRequest predict => PredictRun.Run(predict),
                SplitRequest split => SplitRun.Run(split),
                ServeRequest serve => ServeRun.Run(serve, cancellation),
                ExportRequest export => ExportRun.Run(export),
                _ => StoryRun.Run(cancellation),
            };
        }
        catch (DemoCancelledException cancelled)
        {
            Console.Error.WriteLine(cancelled.Message);
            if (request.Verbose) Console.Error.WriteLine(cancelled.InnerException);
            return Cancelled;
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"error: {OneLine(error)}");
            if (request.Verbose) Console.Error.WriteLine(error);
            return Failed;
        }
    }

    // Wrapper exceptions (TargetInvocation, Aggregate) hide the real message; show the innermost meaningful one.
    private static string OneLine(Exception error)
    {
        while (error is System.Reflection.TargetInvocationException or AggregateException && error.InnerException is not null)
            error = error.InnerException;
        return error.Message.ReplaceLineEndings(" ");
    }
}
