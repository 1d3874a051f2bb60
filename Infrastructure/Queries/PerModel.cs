using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BranchBot.Infrastructure.Queries;

/// <summary>
/// An EF compiled query (<c>EF.CompileAsyncQuery</c>), compiled once per model. EF binds a compiled query to the
/// first model it runs against and refuses every other ("was executed with a different model than it was compiled
/// against"), and one process can hold several models: each provider builds its own (the tests run SQLite and
/// PostgreSQL side by side). Declare it <c>static readonly PerModel&lt;Func&lt;…&gt;&gt; X = new(() =&gt; EF.CompileAsyncQuery(…))</c>
/// and call <c>X.For(db)(db, …)</c>.
/// </summary>
public sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = new();

    public TQuery For(DbContext db) => _compiled.GetValue(db.Model, _ => compile());
}
