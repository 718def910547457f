namespace Segmentation.Clustering;

/// <summary>Fixed-size row blocks for parallel loops whose reductions run in block order, so results never depend on the thread count.</summary>
internal readonly record struct RowChunks(int Rows, int ChunkSize)
{
    /// <summary>Rows per block: large enough to amortise scheduling, small enough to balance two to many cores.</summary>
    public const int DefaultChunkSize = 512;

    /// <summary>Below this many blocks a pass is too short to repay waking worker threads (thousands of rows take microseconds).</summary>
    public const int MinParallelChunks = 16;

    /// <summary>Blocks covering <paramref name="rows"/> rows.</summary>
    public static RowChunks For(int rows) => new(rows, DefaultChunkSize);

    /// <summary>Number of blocks.</summary>
    public int Count => (Rows + ChunkSize - 1) / ChunkSize;

    /// <summary>First row of block <paramref name="chunk"/>.</summary>
    public int Start(int chunk) => chunk * ChunkSize;

    /// <summary>One past the last row of block <paramref name="chunk"/>.</summary>
    public int End(int chunk) => Math.Min(Rows, (chunk + 1) * ChunkSize);

    /// <summary>Runs <paramref name="body"/> for every block, in parallel when <paramref name="parallelism"/> &gt; 1.</summary>
    public void Run(int parallelism, Action<int> body)
    {
        if (parallelism <= 1 || Count < MinParallelChunks)
        {
            for (var c = 0; c < Count; c++)
            {
                body(c);
            }

            return;
        }

        Parallel.For(0, Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, body);
    }
}
